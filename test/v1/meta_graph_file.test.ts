import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MemoryFileSystem } from '../../src/io/index.js';
import { tensorflow } from '../../src/proto/index.js';
import { readMetaGraphFile, writeMetaGraphFile } from '../../src/v1/meta_graph_file.js';
import { fixture, TF_VERSIONS } from './fixtures.js';

describe('meta graph files', () => {
  test.each(TF_VERSIONS)('TF %s: the text multiply.pb and the binary multiply.meta read to the same MetaGraphDef', async (v) => {
    const dir = fixture(v, 'guide_meta_graph');
    const text = await readMetaGraphFile(join(dir, 'multiply.pb'));
    const binary = await readMetaGraphFile(join(dir, 'multiply.meta'));
    expect(tensorflow.MetaGraphDef.encode(text).finish()).toEqual(tensorflow.MetaGraphDef.encode(binary).finish());
    expect(text.saverDef?.restoreOpName).toBe('save/restore_all');
    expect(text.graphDef?.node?.map((n) => n.name)).toContain('y');
  });

  test.each(TF_VERSIONS)('TF %s: writing the binary form reproduces TF\'s bytes; the text form reproduces TF 2.21\'s text', async (v) => {
    const dir = fixture(v, 'guide_meta_graph');
    const mg = await readMetaGraphFile(join(dir, 'multiply.meta'));
    const fs = new MemoryFileSystem();
    await writeMetaGraphFile('/out/m.meta', mg, { fs });
    expect(Buffer.from(await fs.readFile('/out/m.meta')).equals(readFileSync(join(dir, 'multiply.meta')))).toBe(true);
    await writeMetaGraphFile('/out/m.pbtxt', mg, { fs, asText: true });
    const ours = new TextDecoder().decode(await fs.readFile('/out/m.pbtxt'));
    if (v.startsWith('2.21')) expect(ours).toBe(readFileSync(join(dir, 'multiply.pb'), 'utf8'));
    const back = await readMetaGraphFile('/out/m.pbtxt', { fs });
    expect(tensorflow.MetaGraphDef.encode(back).finish()).toEqual(tensorflow.MetaGraphDef.encode(mg).finish());
  });

  test('missing and unparsable files', async () => {
    const fs = new MemoryFileSystem();
    await expect(readMetaGraphFile('/none', { fs })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await fs.writeFile('/bad.pbtxt', 'graph_def { node { name: ');
    await expect(readMetaGraphFile('/bad.pbtxt', { fs })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT', message: expect.stringContaining('Cannot parse file /bad.pbtxt') });
    await fs.writeFile('/bin', new Uint8Array([0xff, 0xff, 0xff, 0xff, 0xff]));
    await expect(readMetaGraphFile('/bin', { fs })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  });
});
