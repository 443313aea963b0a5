import * as tf from '@tensorflow/tfjs-core';
import { attr, constNode, nodeDef, placeholderNode } from '../../src/graph/build.js';
import { ensureBackend } from '../../src/runtime/backend.js';
import { Executor } from '../../src/runtime/executor.js';
import { take } from './helpers.js';

beforeAll(() => ensureBackend());

const F = { T: attr.type('float32') };
const D = { dtype: attr.type('float32') };

describe('TF1 TensorArrays', () => {
  test('write / read / gather / scatter / split / concat / size, no leaks', () => {
    const exec = new Executor({
      node: [
        constNode('size', [3], [], 'int32'),
        nodeDef('ta', 'TensorArrayV3', ['size'], { ...D, element_shape: attr.shape([2]) }),
        constNode('i1', [1], [], 'int32'),
        constNode('v', [7, 8], [2]),
        nodeDef('w', 'TensorArrayWriteV3', ['ta', 'i1', 'v', 'ta:1'], F),
        nodeDef('r', 'TensorArrayReadV3', ['ta', 'i1', 'w'], D),
        constNode('idx', [1, 0], [2], 'int32'),
        nodeDef('g', 'TensorArrayGatherV3', ['ta', 'idx', 'w'], D),
        nodeDef('n', 'TensorArraySizeV3', ['ta', 'w']),
        // a second array: scatter rows then concat
        nodeDef('tb', 'TensorArrayV3', ['size'], { ...D, element_shape: attr.shape([1]) }),
        constNode('sidx', [2, 0, 1], [3], 'int32'),
        constNode('rows', [1, 2, 3], [3, 1]),
        nodeDef('s', 'TensorArrayScatterV3', ['tb', 'sidx', 'rows', 'tb:1'], F),
        nodeDef('c', 'TensorArrayConcatV3', ['tb', 's'], D),
        // a third: split with lengths
        nodeDef('tc', 'TensorArrayV3', ['size'], { ...D, dynamic_size: attr.b(true) }),
        placeholderNode('x'),
        constNode('lens', [1, 2], [2], 'int64'),
        nodeDef('sp', 'TensorArraySplitV3', ['tc', 'x', 'lens', 'tc:1'], F),
        nodeDef('r2', 'TensorArrayReadV3', ['tc', 'i1', 'sp'], D),
        nodeDef('close', 'TensorArrayCloseV3', ['tc', '^r2']),
      ],
    });
    const x = tf.tensor1d([4, 5, 6]);
    exec.run({ x }, ['r', 'g', 'n', 'c', 'c:1', 'r2']).forEach((t) => t.dispose());
    const mark = tf.memory().numTensors;
    const outs = exec.run({ x }, ['r', 'g', 'n', 'c', 'c:1', 'r2'], ['close']).map(take);
    expect(outs).toEqual([[7, 8], [[7, 8], [0, 0]], 3, [2, 3, 1], [1, 1, 1], [5, 6]]);
    expect(tf.memory().numTensors).toBe(mark);
    x.dispose();
    exec.dispose();
  });
});
