import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MemoryFileSystem } from '../../src/io/index.js';
import {
  checkpointExists,
  deleteCheckpoint,
  getCheckpointState,
  latestCheckpoint,
  relativePath,
  updateCheckpointState,
} from '../../src/v1/checkpoint_management.js';
import { fixture, TF_VERSIONS } from './fixtures.js';

describe('checkpoint state file', () => {
  test.each(TF_VERSIONS)('latestCheckpoint reads the state file TF %s wrote', async (v) => {
    const dir = fixture(v, 'guide_meta_graph');
    expect(await latestCheckpoint(dir)).toBe(join(dir, 'multiply_values.ckpt'));
    const state = await getCheckpointState(dir);
    expect(state?.allModelCheckpointPaths).toEqual([join(dir, 'multiply_values.ckpt')]);
  });

  test.each(TF_VERSIONS)('updateCheckpointState writes the bytes TF %s wrote for the guide save', async (v) => {
    const tfText = readFileSync(join(fixture(v, 'guide_meta_graph'), 'checkpoint'), 'utf8');
    const fs = new MemoryFileSystem();
    // The guide saved 'multiply_values.ckpt' from the working directory: save_dir is ''.
    await updateCheckpointState('', 'multiply_values.ckpt', ['multiply_values.ckpt'], { fs });
    expect(new TextDecoder().decode(await fs.readFile('checkpoint'))).toBe(tfText);
  });

  test('relative save dirs record paths relative to them; absolute ones keep them', async () => {
    const fs = new MemoryFileSystem();
    await updateCheckpointState('train', 'train/model.ckpt-2', ['train/model.ckpt-1', 'train/model.ckpt-2'], { fs });
    expect(new TextDecoder().decode(await fs.readFile('/train/checkpoint'))).toBe(
      'model_checkpoint_path: "model.ckpt-2"\nall_model_checkpoint_paths: "model.ckpt-1"\nall_model_checkpoint_paths: "model.ckpt-2"\n',
    );
    await updateCheckpointState('/abs', '/abs/m-3', [], { fs });
    expect(new TextDecoder().decode(await fs.readFile('/abs/checkpoint'))).toBe('model_checkpoint_path: "/abs/m-3"\nall_model_checkpoint_paths: "/abs/m-3"\n');
    await updateCheckpointState('/abs', '/abs/m-4', ['/abs/m-3'], { fs, saveRelativePaths: true });
    expect((await getCheckpointState('/abs', { fs }))?.allModelCheckpointPaths).toEqual(['/abs/m-3', '/abs/m-4']);
    expect(new TextDecoder().decode(await fs.readFile('/abs/checkpoint'))).toContain('model_checkpoint_path: "m-4"');
    // No index file yet: the state names a checkpoint that does not exist.
    expect(await latestCheckpoint('/abs', { fs })).toBeNull();
    await fs.writeFile('/abs/m-4.index', new Uint8Array(1));
    expect(await latestCheckpoint('/abs', { fs })).toBe('/abs/m-4');
    expect(await latestCheckpoint('/nothing', { fs })).toBeNull();
  });

  test('errors: a prefix named like the state file, mismatched timestamps, a malformed file', async () => {
    const fs = new MemoryFileSystem();
    await expect(updateCheckpointState('/d', '/d/checkpoint', [], { fs })).rejects.toThrow(/conflicts with path used for checkpoint state/);
    await expect(updateCheckpointState('/d', '/d/m', ['/d/a'], { fs, allModelCheckpointTimestamps: [1] })).rejects.toThrow(/must match checkpoint paths/);
    await fs.writeFile('/d/checkpoint', 'model_checkpoint_path: ');
    await expect(getCheckpointState('/d', { fs })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT', message: expect.stringContaining('/d/checkpoint') });
    await fs.writeFile('/d/checkpoint', 'all_model_checkpoint_paths: "x"\n');
    await expect(getCheckpointState('/d', { fs })).rejects.toThrow(/no model_checkpoint_path/);
  });

  test('checkpointExists and deleteCheckpoint cover index, data shards and meta', async () => {
    const fs = new MemoryFileSystem();
    for (const f of ['m-1.index', 'm-1.data-00000-of-00002', 'm-1.data-00001-of-00002', 'm-1.meta', 'm-10.index', 'm-1.data-x']) await fs.writeFile(`/c/${f}`, new Uint8Array(1));
    expect(await checkpointExists('/c/m-1', fs)).toBe(true);
    await deleteCheckpoint('/c/m-1', fs);
    expect(await fs.list('/c')).toEqual(['m-1.data-x', 'm-10.index']);
    expect(await checkpointExists('/c/m-1', fs)).toBe(false);
  });

  test('relativePath is os.path.relpath for like paths', () => {
    expect(relativePath('/a/b/c', '/a')).toBe('b/c');
    expect(relativePath('/a/x', '/a/b')).toBe('../x');
    expect(relativePath('a/./b', '')).toBe('a/b');
    expect(relativePath('/a', '/a')).toBe('.');
    expect(relativePath('rel', '/abs')).toBe('rel');
  });
});
