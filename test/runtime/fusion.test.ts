/**
 * Plan-time fusion of MatMul/Conv2D → BiasAdd [→ Relu/Relu6] chains: which chains fuse, that
 * fused steps compute what the ops compute one by one, that gradients still flow, no leaks.
 */
import * as tf from '@tensorflow/tfjs-core';
import { attr, constNode, nodeDef, placeholderNode } from '../../src/graph/build.js';
import type { NodeDefLike } from '../../src/graph/node.js';
import { ensureBackend } from '../../src/runtime/backend.js';
import { Executor } from '../../src/runtime/executor.js';
import { fusePlan } from '../../src/runtime/fusion.js';
import { GraphIndex } from '../../src/runtime/graph_index.js';
import { FunctionLibrary } from '../../src/runtime/library.js';
import { buildPlan } from '../../src/runtime/plan.js';

beforeAll(() => ensureBackend());

const F = { T: attr.type('float32') };
const W = [0.5, -1, 2, 0.25, -0.5, 1.5, 1, -2, 0.75, 3, -0.25, -1.5]; // 3 × 4
const B = [0.1, -0.2, 0.3, -4];

/** x [2,3] → MatMul(w [3,4]) → BiasAdd(b [4]) → `act` (none when undefined), plus `extra` nodes. */
function dense(act?: string, extra: NodeDefLike[] = [], matmulInputs = ['x', 'w']): NodeDefLike[] {
  return [
    placeholderNode('x', 'float32', [2, 3]),
    constNode('w', W, [3, 4]),
    constNode('b', B, [4]),
    nodeDef('mm', 'MatMul', matmulInputs, { ...F, transpose_a: attr.b(false), transpose_b: attr.b(false) }),
    nodeDef('ba', 'BiasAdd', ['mm', 'b'], F),
    ...(act ? [nodeDef('act', act, ['ba'], F)] : []),
    ...extra,
  ];
}

function fusedSteps(nodes: NodeDefLike[], fetches: string[]): string[] {
  const lib = new FunctionLibrary(null);
  const g = GraphIndex.fromGraph(nodes, lib);
  const plan = fusePlan(g, buildPlan(g, [g.resolveTensor('x', false, 'x')], fetches.map((f) => g.resolveTensor(f, false, f)), []));
  return plan.steps.map((s) => (s.fused ? `fused:${s.node.name}:${s.fused.kind}:${s.fused.activation}` : s.node.name));
}

const xs = [[1, 2, 3], [-1, 0.5, -2]];

/** The chain computed op by op with tfjs. */
function reference(act: (t: tf.Tensor) => tf.Tensor): number[][] {
  return tf.tidy(() => act(tf.add(tf.matMul(tf.tensor2d(xs), tf.tensor2d(W, [3, 4])), tf.tensor1d(B))).arraySync() as number[][]);
}

function expectClose(got: number[][], want: number[][]): void {
  got.flat().forEach((v, i) => expect(v).toBeCloseTo(want.flat()[i], 5));
}

describe('fusion', () => {
  test('MatMul → BiasAdd → Relu / Relu6 / nothing become one step', () => {
    expect(fusedSteps(dense('Relu'), ['act'])).toEqual(['w', 'b', 'fused:mm:matmul:relu']);
    expect(fusedSteps(dense('Relu6'), ['act'])).toEqual(['w', 'b', 'fused:mm:matmul:relu6']);
    expect(fusedSteps(dense(), ['ba'])).toEqual(['w', 'b', 'fused:mm:matmul:linear']);
    // an activation that is not fusible stays a step of its own after the fused product
    expect(fusedSteps(dense('Tanh'), ['act'])).toEqual(['w', 'b', 'fused:mm:matmul:linear', 'act']);
  });

  test('chains whose intermediate values are used elsewhere are left alone', () => {
    // the BiasAdd output is fetched as well: only MatMul → BiasAdd fuses
    expect(fusedSteps(dense('Relu'), ['act', 'ba'])).toEqual(['w', 'b', 'fused:mm:matmul:linear', 'act']);
    // the MatMul output has a second reader
    expect(fusedSteps(dense('Relu', [nodeDef('other', 'Neg', ['mm'], F)]), ['act', 'other'])).not.toContain('fused:mm:matmul:relu');
    expect(fusedSteps(dense('Relu', [nodeDef('other', 'Neg', ['mm'], F)]), ['act', 'other'])).toContain('ba');
    // a control edge on the MatMul: nothing fuses (the product must run where it stands)
    expect(fusedSteps(dense('Relu', [nodeDef('after', 'Neg', ['x', '^mm'], F)]), ['act', 'after']).sort()).toEqual(['act', 'after', 'b', 'ba', 'mm', 'w']);
    // a control edge on the BiasAdd: the chain ends there, and its dependant still runs after it
    expect(fusedSteps(dense('Relu', [nodeDef('after', 'Neg', ['x', '^ba'], F)]), ['act', 'after'])).toEqual(['w', 'b', 'fused:mm:matmul:linear', 'act', 'after']);
  });

  test('fused steps compute what the ops compute, leave no tensor behind, and keep intermediates fetchable', () => {
    const exec = new Executor({ node: dense('Relu', [nodeDef('r6', 'Relu6', ['ba'], F)]) }, { fuseOps: true });
    const x = tf.tensor2d(xs);
    exec.run({ x }, ['act']).forEach((t) => t.dispose());
    const before = tf.memory().numTensors;
    const [y] = exec.run({ x }, ['act']);
    expectClose(y.arraySync() as number[][], reference(tf.relu));
    const [a, b] = exec.run({ x }, ['ba', 'act']);
    expectClose(a.arraySync() as number[][], reference((t) => t));
    expectClose(b.arraySync() as number[][], reference(tf.relu));
    tf.dispose([y, a, b]);
    expect(tf.memory().numTensors).toBe(before);
    x.dispose();
    exec.dispose();
  });

  test('Conv2D → BiasAdd → Relu fuses (NHWC) and matches tf.conv2d + add + relu; NCHW does not fuse', () => {
    const conv = (format: string): NodeDefLike[] => [
      placeholderNode('x', 'float32', [1, 4, 4, 2]),
      constNode('f', Array.from({ length: 3 * 3 * 2 * 3 }, (_, i) => ((i % 7) - 3) / 4), [3, 3, 2, 3]),
      constNode('b', [0.5, -1, 0.25], [3]),
      nodeDef('cv', 'Conv2D', ['x', 'f'], { ...F, strides: attr.ints([1, 1, 1, 1]), padding: attr.s('SAME'), data_format: attr.s(format) }),
      nodeDef('ba', 'BiasAdd', ['cv', 'b'], { ...F, data_format: attr.s(format) }),
      nodeDef('act', 'Relu', ['ba'], F),
    ];
    expect(fusedSteps(conv('NHWC'), ['act'])).toEqual(['f', 'b', 'fused:cv:conv2d:relu']);
    expect(fusedSteps(conv('NCHW'), ['act'])).toEqual(['f', 'b', 'cv', 'ba', 'act']);
    const exec = new Executor({ node: conv('NHWC') }, { fuseOps: true });
    const xv = Array.from({ length: 32 }, (_, i) => Math.sin(i));
    const x = tf.tensor4d(xv, [1, 4, 4, 2]);
    const [y] = exec.run({ x }, ['act']);
    const want = tf.tidy(() => tf.relu(tf.add(tf.conv2d(x, tf.tensor4d(Array.from({ length: 54 }, (_, i) => ((i % 7) - 3) / 4), [3, 3, 2, 3]), 1, 'same'), tf.tensor1d([0.5, -1, 0.25]))).dataSync());
    Array.from(y.dataSync()).forEach((v, i) => expect(v).toBeCloseTo(want[i], 5));
    tf.dispose([x, y]);
    exec.dispose();
  });

  test('gradients flow through a fused step (computed op by op while recorded)', () => {
    const exec = new Executor({ node: dense('Relu') }, { fuseOps: true });
    const x = tf.tensor2d(xs);
    const before = tf.memory().numTensors;
    const g = tf.grad((t: tf.Tensor) => tf.sum(exec.run({ x: t }, ['act'])[0]))(x);
    // d/dx sum(relu(xW + b)) = mask · Wᵀ, mask = (xW + b > 0)
    const want = tf.tidy(() => {
      const mask = tf.cast(tf.greater(tf.add(tf.matMul(x, tf.tensor2d(W, [3, 4])), tf.tensor1d(B)), 0), 'float32');
      return tf.matMul(mask, tf.tensor2d(W, [3, 4]), false, true).arraySync() as number[][];
    });
    expectClose(g.arraySync() as number[][], want);
    g.dispose();
    expect(tf.memory().numTensors).toBe(before + 2); // + the memoised constants w and b
    x.dispose();
    exec.dispose();
  });

  test('a bias stored as a row of a matrix (a reshaped view) is computed op by op, with the same values', () => {
    const nodes = dense('Relu');
    nodes.splice(2, 1, constNode('b_row', B, [1, 4]), constNode('b_shape', [4], [1], 'int32'), nodeDef('b', 'Reshape', ['b_row', 'b_shape'], { ...F, Tshape: attr.type('int32') }));
    const exec = new Executor({ node: nodes }, { fuseOps: true });
    const x = tf.tensor2d(xs);
    const [y] = exec.run({ x }, ['act']);
    expectClose(y.arraySync() as number[][], reference(tf.relu));
    tf.dispose([x, y]);
    exec.dispose();
  });

  test('without fuseOps the executor runs the chain op by op: bit-identical to tfjs', () => {
    const exec = new Executor({ node: dense('Relu') });
    const x = tf.tensor2d(xs);
    const [y] = exec.run({ x }, ['act']);
    expect(y.arraySync()).toEqual(reference(tf.relu));
    tf.dispose([x, y]);
    exec.dispose();
  });

  test('a bias of the wrong size still fails, naming the chain', () => {
    const nodes = dense('Relu');
    nodes[2] = constNode('b', [1, 2, 3], [3]);
    const exec = new Executor({ node: nodes }, { fuseOps: true });
    const x = tf.tensor2d(xs);
    const before = tf.memory().numTensors;
    expect(() => exec.run({ x }, ['act'])).toThrow(/node 'mm' \(MatMul\)/);
    expect(tf.memory().numTensors).toBe(before + 2);
    x.dispose();
    exec.dispose();
  });
});
