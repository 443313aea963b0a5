/**
 * Runtime benchmark (npm run bench:runtime): per-call cost of the Executor against the same
 * computation written directly in tfjs-core and against tfjs-converter's GraphModel executing
 * the same GraphDef, all on the WASM backend. Prints µs per call and ratios.
 */
import * as tf from '@tensorflow/tfjs-core';
import * as tfconv from '@tensorflow/tfjs-converter';
import { attr, nodeDef, placeholderNode } from '../src/graph/build.js';
import type { AttrValueLike, NodeDefLike } from '../src/graph/node.js';
import { ensureBackend } from '../src/runtime/backend.js';
import { Executor } from '../src/runtime/executor.js';

const F = { T: attr.type('float32') };

/** A GraphDef whose weights are Const nodes; `weights` holds their values. */
interface BenchGraph {
  nodes: NodeDefLike[];
  weights: Record<string, tf.Tensor>;
  input: string;
  output: string;
  direct: (x: tf.Tensor) => tf.Tensor;
}

function constOf(name: string, t: tf.Tensor): NodeDefLike {
  const values = Array.from(t.dataSync());
  return nodeDef(name, 'Const', [], {
    dtype: attr.type('float32'),
    value: attr.tensor({ dtype: 1, tensorShape: { dim: t.shape.map((size) => ({ size })) }, tensorContent: new Uint8Array(Float32Array.from(values).buffer) }),
  });
}

function tiny(): BenchGraph {
  const two = tf.scalar(2);
  const one = tf.scalar(1);
  return {
    nodes: [placeholderNode('x', 'float32', [4]), constOf('two', two), constOf('one', one), nodeDef('m', 'Mul', ['x', 'two'], F), nodeDef('y', 'AddV2', ['m', 'one'], F)],
    weights: { two, one },
    input: 'x', output: 'y',
    direct: (x) => tf.tidy(() => tf.add(tf.mul(x, two), one)),
  };
}

function mlp(): BenchGraph {
  const sizes = [784, 256, 128, 10];
  const nodes: NodeDefLike[] = [placeholderNode('x', 'float32', [-1, 784])];
  const weights: Record<string, tf.Tensor> = {};
  let prev = 'x';
  for (let i = 0; i < 3; i++) {
    const w = tf.randomNormal([sizes[i], sizes[i + 1]], 0, 0.05, 'float32', i + 1);
    const b = tf.randomNormal([sizes[i + 1]], 0, 0.05, 'float32', i + 11);
    weights[`w${i}`] = w;
    weights[`b${i}`] = b;
    nodes.push(constOf(`w${i}`, w), constOf(`b${i}`, b), nodeDef(`mm${i}`, 'MatMul', [prev, `w${i}`], F), nodeDef(`ba${i}`, 'BiasAdd', [`mm${i}`, `b${i}`], F));
    prev = `ba${i}`;
    if (i < 2) {
      nodes.push(nodeDef(`relu${i}`, 'Relu', [prev], F));
      prev = `relu${i}`;
    }
  }
  nodes.push(nodeDef('y', 'Softmax', [prev], F));
  return {
    nodes, weights, input: 'x', output: 'y',
    direct: (x) => tf.tidy(() => {
      let h = x;
      for (let i = 0; i < 3; i++) {
        h = tf.add(tf.matMul(h, weights[`w${i}`]), weights[`b${i}`]);
        if (i < 2) h = tf.relu(h);
      }
      return tf.softmax(h);
    }),
  };
}

function cnn(): BenchGraph {
  const k1 = tf.randomNormal([3, 3, 1, 16], 0, 0.1, 'float32', 1);
  const b1 = tf.randomNormal([16], 0, 0.1, 'float32', 2);
  const k2 = tf.randomNormal([3, 3, 16, 32], 0, 0.1, 'float32', 3);
  const b2 = tf.randomNormal([32], 0, 0.1, 'float32', 4);
  const wd = tf.randomNormal([7 * 7 * 32, 10], 0, 0.05, 'float32', 5);
  const bd = tf.randomNormal([10], 0, 0.05, 'float32', 6);
  const shape = tf.tensor1d([-1, 7 * 7 * 32], 'int32');
  const conv = (name: string, input: string, k: string): NodeDefLike =>
    nodeDef(name, 'Conv2D', [input, k], { ...F, strides: attr.ints([1, 1, 1, 1]), padding: attr.s('SAME'), dilations: attr.ints([1, 1, 1, 1]), data_format: attr.s('NHWC') });
  const pool = (name: string, input: string): NodeDefLike =>
    nodeDef(name, 'MaxPool', [input], { ...F, ksize: attr.ints([1, 2, 2, 1]), strides: attr.ints([1, 2, 2, 1]), padding: attr.s('VALID') });
  const nodes: NodeDefLike[] = [
    placeholderNode('x', 'float32', [-1, 28, 28, 1]),
    constOf('k1', k1), constOf('b1', b1), constOf('k2', k2), constOf('b2', b2), constOf('wd', wd), constOf('bd', bd),
    nodeDef('shape', 'Const', [], { dtype: attr.type('int32'), value: attr.tensor({ dtype: 3, tensorShape: { dim: [{ size: 2 }] }, intVal: [-1, 7 * 7 * 32] }) }),
    conv('c1', 'x', 'k1'), nodeDef('a1', 'BiasAdd', ['c1', 'b1'], F), nodeDef('r1', 'Relu', ['a1'], F), pool('p1', 'r1'),
    conv('c2', 'p1', 'k2'), nodeDef('a2', 'BiasAdd', ['c2', 'b2'], F), nodeDef('r2', 'Relu', ['a2'], F), pool('p2', 'r2'),
    nodeDef('flat', 'Reshape', ['p2', 'shape'], { ...F, Tshape: attr.type('int32') }),
    nodeDef('mm', 'MatMul', ['flat', 'wd'], F), nodeDef('ad', 'BiasAdd', ['mm', 'bd'], F), nodeDef('y', 'Softmax', ['ad'], F),
  ];
  return {
    nodes, weights: { k1, b1, k2, b2, wd, bd, shape }, input: 'x', output: 'y',
    direct: (x) => tf.tidy(() => {
      const c1 = tf.relu(tf.add(tf.conv2d(x as tf.Tensor4D, k1 as tf.Tensor4D, 1, 'same'), b1)) as tf.Tensor4D;
      const p1 = tf.maxPool(c1, 2, 2, 'valid');
      const c2 = tf.relu(tf.add(tf.conv2d(p1, k2 as tf.Tensor4D, 1, 'same'), b2)) as tf.Tensor4D;
      const h = tf.maxPool(c2, 2, 2, 'valid');
      return tf.softmax(tf.add(tf.matMul(tf.reshape(h, [-1, 7 * 7 * 32]), wd), bd));
    }),
  };
}

/** The same graph as tfjs-converter model artifacts (Const values moved into weights). */
function graphModel(g: BenchGraph): tfconv.GraphModel<tf.io.IOHandlerSync> {
  const jsonAttr = (a: AttrValueLike): unknown => (a.s ? { s: Array.from(a.s) } : a);
  const node = g.nodes.map((n) => ({
    name: n.name, op: n.op, input: n.input ?? [],
    attr: Object.fromEntries(Object.entries(n.attr ?? {}).filter(([k]) => !(n.op === 'Const' && k === 'value')).map(([k, v]) => [k, jsonAttr(v)])),
  }));
  const names = Object.keys(g.weights);
  const specs = names.map((name) => ({ name, shape: g.weights[name].shape, dtype: g.weights[name].dtype as 'float32' | 'int32' }));
  const buffers = names.map((name) => {
    const t = g.weights[name];
    return t.dtype === 'int32' ? new Int32Array(t.dataSync() as Int32Array).buffer : new Float32Array(t.dataSync() as Float32Array).buffer;
  });
  const total = buffers.reduce((n, b) => n + b.byteLength, 0);
  const data = new Uint8Array(total);
  let o = 0;
  for (const b of buffers) {
    data.set(new Uint8Array(b), o);
    o += b.byteLength;
  }
  return tfconv.loadGraphModelSync({
    modelTopology: { node, versions: { producer: 1 } },
    weightSpecs: specs,
    weightData: data.buffer,
  } as unknown as tf.io.ModelArtifacts);
}

/** µs of process CPU time per call (CPU time, not wall time: less sensitive to other load). */
function time(iters: number, f: () => tf.Tensor): number {
  for (let i = 0; i < Math.min(20, iters); i++) f().dispose();
  const t0 = process.cpuUsage();
  for (let i = 0; i < iters; i++) {
    const y = f();
    y.dataSync();
    y.dispose();
  }
  const d = process.cpuUsage(t0);
  return (d.user + d.system) / iters;
}

async function main(): Promise<void> {
  await ensureBackend();
  console.log(`backend ${tf.getBackend()}, SIMD ${tf.env().getBool('WASM_HAS_SIMD_SUPPORT')}, threads ${tf.env().getBool('WASM_HAS_MULTITHREAD_SUPPORT')}`);
  const cases: [string, BenchGraph, number[], number][] = [
    ['tiny (Mul+AddV2, 4 floats)', tiny(), [4], 3000],
    ['MLP 784-256-128-10, batch 32', mlp(), [32, 784], 60],
    ['CNN 2×conv3x3+pool+dense, batch 8, 28×28', cnn(), [8, 28, 28, 1], 30],
  ];
  for (const [name, g, shape, iters] of cases) {
    const exec = new Executor({ node: g.nodes });
    exec.prepare();
    const model = graphModel(g);
    const x = tf.randomUniform(shape, 0, 1, 'float32', 7);
    const feeds = { [g.input]: x };
    const fetches = [g.output];
    const check = exec.run(feeds, fetches)[0];
    const ref = g.direct(x);
    const diff = tf.max(tf.abs(tf.sub(check, ref))).dataSync()[0];
    tf.dispose([check, ref]);
    const before = tf.memory().numTensors;
    // Interleaved rounds, best round per contestant: robust against other load on the machine.
    let tExec = Infinity;
    let tDirect = Infinity;
    let tGraph = Infinity;
    for (let round = 0; round < 7; round++) {
      tExec = Math.min(tExec, time(iters, () => exec.run(feeds, fetches)[0]));
      tDirect = Math.min(tDirect, time(iters, () => g.direct(x)));
      tGraph = Math.min(tGraph, time(iters, () => model.execute({ [g.input]: x }, g.output) as tf.Tensor));
    }
    const leaked = tf.memory().numTensors - before;
    console.log(`\n${name}  (max |executor - direct| = ${diff.toExponential(1)}, tensors leaked: ${leaked})`);
    console.log(`  executor      ${tExec.toFixed(1).padStart(9)} µs/call`);
    console.log(`  direct tfjs   ${tDirect.toFixed(1).padStart(9)} µs/call   executor/direct = ${(tExec / tDirect).toFixed(3)}   overhead ${(tExec - tDirect).toFixed(1)} µs`);
    console.log(`  GraphModel    ${tGraph.toFixed(1).padStart(9)} µs/call   executor/GraphModel = ${(tExec / tGraph).toFixed(3)}`);
    exec.dispose();
    model.dispose();
    x.dispose();
  }
}

await main();
