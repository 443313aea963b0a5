import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatCheckpointState, latestCheckpoint, parseCheckpointState, readCheckpointState, writeCheckpointState } from '../../src/bundle/index.js';
import { SavedModelError } from '../../src/errors.js';
import { MemoryFileSystem } from '../../src/io/memory.js';
import { FIXTURES_TF, TF_GENERATED, fixtureTest } from '../support/fixtures.js';

const TEXTFORMAT = join(TF_GENERATED, 'textformat');

describe('checkpoint state file', () => {
  fixtureTest('TF 1.x Saver state (absolute paths) parses and prints back byte for byte', async () => {
    const dir = join(FIXTURES_TF, 'legacy_meta_graph_v1_checkpoint');
    const text = readFileSync(join(dir, 'checkpoint'), 'utf8');
    const state = parseCheckpointState(text);
    expect(state).toEqual({ modelCheckpointPath: '/tmp/bad_half_plus_two/00000123/export', allModelCheckpointPaths: ['/tmp/bad_half_plus_two/00000123/export'] });
    expect(formatCheckpointState(state)).toBe(text);
    // Absolute paths stay as written; that checkpoint is not on this machine, so there is no latest.
    expect((await readCheckpointState(dir))!.modelCheckpointPath).toBe('/tmp/bad_half_plus_two/00000123/export');
    expect(await latestCheckpoint(dir)).toBeNull();
  });

  test.each(['tf2.15.1', 'tf2.21.0'])('TF2 CheckpointManager state from %s (timestamps) prints back byte for byte', (version) => {
    const text = readFileSync(join(TEXTFORMAT, version, 'checkpoint_v2/checkpoint'), 'utf8');
    const state = parseCheckpointState(text);
    expect(state.modelCheckpointPath).toBe('ckpt-3');
    expect(state.allModelCheckpointPaths).toEqual(['ckpt-2', 'ckpt-3']);
    expect(state.allModelCheckpointTimestamps).toHaveLength(2);
    expect(state.lastPreservedTimestamp).toBeGreaterThan(1.7e9);
    expect(formatCheckpointState(state)).toBe(text);
  });

  test('latestCheckpoint resolves a relative path and checks the checkpoint exists', async () => {
    const dir = join(TF_GENERATED, '2.15.1/sharded_checkpoint/tf1_saver');
    expect(await readCheckpointState(dir)).toEqual({ modelCheckpointPath: join(dir, 'model.ckpt'), allModelCheckpointPaths: [join(dir, 'model.ckpt')] });
    expect(await latestCheckpoint(dir)).toBe(join(dir, 'model.ckpt'));
  });

  test('write then read, in memory', async () => {
    const fs = new MemoryFileSystem();
    expect(await readCheckpointState('/run', { fs })).toBeNull();
    expect(await latestCheckpoint('/run', { fs })).toBeNull();
    await writeCheckpointState('/run', { modelCheckpointPath: 'ckpt-2', allModelCheckpointPaths: ['ckpt-1', 'ckpt-2'] }, { fs });
    expect(new TextDecoder().decode(await fs.readFile('/run/checkpoint'))).toBe(
      'model_checkpoint_path: "ckpt-2"\nall_model_checkpoint_paths: "ckpt-1"\nall_model_checkpoint_paths: "ckpt-2"\n',
    );
    expect(await latestCheckpoint('/run', { fs })).toBeNull(); // no ckpt-2.index yet
    await fs.writeFile('/run/ckpt-2.index', new Uint8Array(1));
    expect(await latestCheckpoint('/run', { fs })).toBe('/run/ckpt-2');
    await writeCheckpointState('/run', { modelCheckpointPath: '/abs/m', allModelCheckpointPaths: ['/abs/m'] }, { fs, latestFilename: 'best' });
    expect((await readCheckpointState('/run', { fs, latestFilename: 'best' }))!.modelCheckpointPath).toBe('/abs/m');
  });

  test('malformed state files are SavedModelErrors', async () => {
    expect(() => parseCheckpointState('model_checkpoint_path: 3')).toThrow(SavedModelError);
    expect(() => parseCheckpointState('all_model_checkpoint_paths: "a"\n')).toThrow(/model_checkpoint_path is empty/);
    const fs = new MemoryFileSystem();
    await fs.writeFile('/d/checkpoint', 'garbage {');
    await expect(readCheckpointState('/d', { fs })).rejects.toBeInstanceOf(SavedModelError);
    await expect(writeCheckpointState('/d', { modelCheckpointPath: '', allModelCheckpointPaths: [] }, { fs })).rejects.toThrow(/must not be empty/);
  });
});
