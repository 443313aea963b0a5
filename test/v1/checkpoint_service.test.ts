import * as tf from '@tensorflow/tfjs-core';
import { BundleReader } from '../../src/bundle/index.js';
import { MemoryFileSystem } from '../../src/io/index.js';
import { ensureBackend } from '../../src/runtime/backend.js';
import { BundleCheckpointService } from '../../src/v1/checkpoint_service.js';

beforeAll(() => ensureBackend());

describe('BundleCheckpointService', () => {
  test('SaveV2 / RestoreV2 round trip with TF dtypes and slices', async () => {
    const fs = new MemoryFileSystem();
    const svc = new BundleCheckpointService(fs);
    const a = tf.tensor2d([[1, 2, 3], [4, 5, 6]]);
    const n = tf.tensor1d([7, 8], 'int32');
    await svc.save('/c/ckpt', ['a', 'n'], ['', ''], [a, n], ['float32', 'int64']);
    const reader = await BundleReader.open('/c/ckpt', { fs });
    expect(reader.entry('n').dtype).toBe('int64');
    const [ra, slice] = await svc.restore('/c/ckpt', ['a', 'a'], ['', '2 3 1,1:0,2'], ['float32', 'float32']);
    expect(Array.from(ra.dataSync())).toEqual([1, 2, 3, 4, 5, 6]);
    expect(slice.shape).toEqual([1, 2]);
    expect(Array.from(slice.dataSync())).toEqual([4, 5]);
    await expect(svc.restore('/c/ckpt', ['n'], [''], ['int32'])).rejects.toThrow(/is int64, the graph restores it as int32/);
    await expect(svc.restore('/c/ckpt', ['zz'], [''], ['float32'])).rejects.toThrow(/Key zz not found/);
    await expect(svc.restore('/c/none', ['a'], [''], ['float32'])).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(svc.save('/c/p', ['a'], ['2 3 0,1:-'], [a], ['float32'])).rejects.toMatchObject({ code: 'UNIMPLEMENTED' });
    for (const t of [a, n, ra, slice]) t.dispose();
  });

  test('MergeV2Checkpoints: one part is renamed into place, several are merged; temp folders go', async () => {
    const fs = new MemoryFileSystem();
    const svc = new BundleCheckpointService(fs);
    const x = tf.scalar(1.5);
    const y = tf.tensor1d([2, 3]);
    await svc.save('/m/v_temp/part-00000-of-00001', ['x'], [''], [x], ['float32']);
    const partIndex = await fs.readFile('/m/v_temp/part-00000-of-00001.index');
    await svc.merge(['/m/v_temp/part-00000-of-00001'], '/m/v', true);
    expect(await fs.list('/m')).toEqual(['v.data-00000-of-00001', 'v.index']);
    expect(await fs.readFile('/m/v.index')).toEqual(partIndex);
    await svc.save('/n/t/part-00000-of-00002', ['y'], [''], [y], ['float32']);
    await svc.save('/n/t/part-00001-of-00002', ['x'], [''], [x], ['float32']);
    await svc.merge(['/n/t/part-00000-of-00002', '/n/t/part-00001-of-00002'], '/n/all', true);
    expect(await fs.list('/n')).toEqual(['all.data-00000-of-00001', 'all.index']);
    const r = await BundleReader.open('/n/all', { fs });
    expect(r.keys()).toEqual(['x', 'y']);
    expect(Array.from((await r.read('y')).data as Float32Array)).toEqual([2, 3]);
    x.dispose();
    y.dispose();
  });
});
