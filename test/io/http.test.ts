import { join } from 'node:path';
import { BundleReader, HttpFileSystem, readSavedModel, tensorflow } from '../../src/index.js';
import { startStaticServer, type StaticServer } from '../support/static_server.js';
import { TF_GENERATED } from '../support/fixtures.js';

// Committed TF-written models (test/fixtures/tf-generated), so this runs on any clone.
const ROOT = join(TF_GENERATED, '2.21.0');
const MODEL = 'guide_dense_layer';

describe.each([true, false])('HttpFileSystem (server honours Range: %s)', (ranges) => {
  let server: StaticServer;
  beforeAll(async () => { server = await startStaticServer(ROOT, { ranges }); });
  afterAll(() => server.close());

  test('readSavedModel over HTTP equals the local read', async () => {
    const remote = await readSavedModel(`${server.url}/${MODEL}/`);
    const local = await readSavedModel(join(ROOT, MODEL));
    expect(Buffer.from(tensorflow.SavedModel.encode(remote).finish())).toEqual(Buffer.from(tensorflow.SavedModel.encode(local).finish()));
  });

  test('BundleReader reads each tensor by range (or from one whole-file fetch)', async () => {
    const fs = new HttpFileSystem();
    const remote = await BundleReader.open(`${server.url}/${MODEL}/variables/variables`, { fs });
    const local = await BundleReader.open(join(ROOT, MODEL, 'variables', 'variables'));
    expect(remote.keys()).toEqual(local.keys());
    for (const k of remote.keys()) expect(await remote.read(k)).toEqual(await local.read(k));
    const dataRequests = server.log.filter((l) => l.includes('variables.data-'));
    if (ranges) {
      expect(dataRequests.every((l) => / bytes=\d+-\d+$/.test(l))).toBe(true);
      expect(fs.requests.get).toBe(0);
    } else {
      expect(fs.requests.range).toBeGreaterThan(0);
    }
  });
});

describe('HttpFileSystem errors', () => {
  let server: StaticServer;
  beforeAll(async () => { server = await startStaticServer(ROOT); });
  afterAll(() => server.close());

  test('missing model: NOT_FOUND naming the files looked for', async () => {
    await expect(readSavedModel(`${server.url}/no_such_model`)).rejects.toMatchObject({ name: 'SavedModelError', code: 'NOT_FOUND' });
  });

  test('a range past the end: DATA_LOSS', async () => {
    const fs = new HttpFileSystem();
    const url = `${server.url}/${MODEL}/saved_model.pb`;
    const size = await fs.size(url);
    await expect(fs.readRange(url, size - 4, 10)).rejects.toMatchObject({ code: 'DATA_LOSS' });
  });

  test('writes are refused: read-only', async () => {
    await expect(new HttpFileSystem().writeFile(`${server.url}/x`, 'a')).rejects.toMatchObject({ code: 'UNIMPLEMENTED' });
  });

  test('unreachable host: NOT_FOUND, not a TypeError', async () => {
    await expect(new HttpFileSystem().readFile('http://127.0.0.1:9/nothing')).rejects.toMatchObject({ name: 'SavedModelError' });
  });
});
