import * as tf from '@tensorflow/tfjs-core';
import { attr, constNode, nodeDef, placeholderNode } from '../../src/graph/build.js';
import type { FunctionDefLike } from '../../src/graph/node.js';
import { ensureBackend } from '../../src/runtime/backend.js';
import { Executor } from '../../src/runtime/executor.js';
import { take } from './helpers.js';

beforeAll(() => ensureBackend());

const F = { T: attr.type('float32') };
const f32 = 1;

/** body(i, acc) = (i + 1, acc + i) */
const body: FunctionDefLike = {
  signature: {
    name: 'body',
    inputArg: [{ name: 'i', type: f32 }, { name: 'acc', type: f32 }],
    outputArg: [{ name: 'i_out', type: f32 }, { name: 'acc_out', type: f32 }],
  },
  nodeDef: [constNode('one', [1], []), nodeDef('inext', 'AddV2', ['i', 'one:output:0'], F), nodeDef('accn', 'AddV2', ['acc', 'i'], F)],
  ret: { i_out: 'inext:z:0', acc_out: 'accn:z:0' },
};
/** cond(i, acc) = i < 10, written as bool(relu(10 - i)) */
const cond: FunctionDefLike = {
  signature: { name: 'cond', inputArg: [{ name: 'i', type: f32 }, { name: 'acc', type: f32 }], outputArg: [{ name: 'c', type: 10 }] },
  nodeDef: [
    constNode('ten', [10], []),
    nodeDef('d', 'Sub', ['ten:output:0', 'i'], F),
    nodeDef('r', 'Relu', ['d:z:0'], F),
    nodeDef('b', 'Cast', ['r:activations:0'], { SrcT: attr.type('float32'), DstT: attr.type('bool') }),
  ],
  ret: { c: 'b:y:0' },
};
/** double(x) = 2x ; neg(x) = -x */
const double: FunctionDefLike = {
  signature: { name: 'double', inputArg: [{ name: 'x', type: f32 }], outputArg: [{ name: 'y', type: f32 }] },
  nodeDef: [constNode('two', [2], []), nodeDef('m', 'Mul', ['x', 'two:output:0'], F)],
  ret: { y: 'm:z:0' },
};
const neg: FunctionDefLike = {
  signature: { name: 'neg', inputArg: [{ name: 'x', type: f32 }], outputArg: [{ name: 'y', type: f32 }] },
  nodeDef: [nodeDef('n', 'Neg', ['x'], F)],
  ret: { y: 'n:y:0' },
};
const library = { function: [body, cond, double, neg] };
const types2 = attr.types(['float32', 'float32']);

describe('functions and functional control flow', () => {
  test('While sums 0..9, PartitionedCall and calls by name, no leaks', () => {
    const exec = new Executor({
      node: [
        placeholderNode('i0'), placeholderNode('acc0'),
        nodeDef('loop', 'StatelessWhile', ['i0', 'acc0'], { T: types2, cond: attr.func('cond'), body: attr.func('body') }),
        nodeDef('call', 'PartitionedCall', ['loop:1'], { Tin: attr.types(['float32']), Tout: attr.types(['float32']), f: attr.func('double') }),
        nodeDef('byname', 'neg', ['call']),
      ],
      library,
    });
    exec.prepare();
    const i0 = tf.scalar(0);
    const acc0 = tf.scalar(0);
    const before = tf.memory().numTensors;
    for (let k = 0; k < 2; k++) {
      const [i, acc, twice, negd] = exec.run({ i0, acc0 }, ['loop:0', 'loop:1', 'call', 'byname']);
      expect([take(i), take(acc), take(twice), take(negd)]).toEqual([10, 45, 90, -90]);
    }
    exec.dispose();
    expect(tf.memory().numTensors).toBe(before);
    // a loop that never runs hands back its inputs' values
    const exec2 = new Executor({ node: [placeholderNode('i0'), placeholderNode('acc0'), nodeDef('loop', 'While', ['i0', 'acc0'], { T: types2, cond: attr.func('cond'), body: attr.func('body') })], library });
    const i11 = tf.scalar(11);
    const [a, b] = exec2.run({ i0: i11, acc0 }, ['loop:0', 'loop:1']);
    expect([take(a), take(b)]).toEqual([11, 0]);
    tf.dispose([i0, acc0, i11]);
  });

  test('While iteration cap is a RESOURCE_EXHAUSTED SavedModelError', () => {
    const exec = new Executor(
      { node: [placeholderNode('i0'), placeholderNode('acc0'), nodeDef('loop', 'While', ['i0', 'acc0'], { T: types2, cond: attr.func('cond'), body: attr.func('body') })], library },
      { maxLoopIterations: 5 },
    );
    const i0 = tf.scalar(0);
    const before = tf.memory().numTensors;
    expect(() => exec.run({ i0, acc0: i0 }, ['loop:1'])).toThrow(/ran 5 iterations, the limit \(maxLoopIterations\) is 5/);
    exec.dispose();
    expect(tf.memory().numTensors).toBe(before);
    i0.dispose();
  });

  test('If, StatelessIf and Case pick branches', () => {
    const ifAttrs = { Tcond: attr.type('bool'), Tin: attr.types(['float32']), Tout: attr.types(['float32']), then_branch: attr.func('double'), else_branch: attr.func('neg') };
    const exec = new Executor({
      node: [
        placeholderNode('p', 'bool'), placeholderNode('x'), placeholderNode('k', 'int32'),
        nodeDef('if', 'If', ['p', 'x'], ifAttrs),
        nodeDef('sif', 'StatelessIf', ['p', 'x'], ifAttrs),
        nodeDef('case', 'Case', ['k', 'x'], { Tin: attr.types(['float32']), Tout: attr.types(['float32']), branches: attr.funcs(['double', 'neg']) }),
      ],
      library,
    });
    const x = tf.tensor1d([1.5, -2]);
    const t = tf.scalar(true, 'bool');
    const f = tf.scalar(false, 'bool');
    const run = (p: tf.Tensor, k: number) => {
      const kt = tf.scalar(k, 'int32');
      const out = exec.run({ p, x, k: kt }, ['if', 'sif', 'case']).map(take);
      kt.dispose();
      return out;
    };
    expect(run(t, 0)).toEqual([[3, -4], [3, -4], [3, -4]]);
    expect(run(f, 1)).toEqual([[-1.5, 2], [-1.5, 2], [-1.5, 2]]);
    expect(run(f, 7)[2]).toEqual([-1.5, 2]); // out of range: last branch
    tf.dispose([x, t, f]);
    exec.dispose();
  });
});

describe('TF1 conditionals (Switch/Merge, dead branches)', () => {
  test('only the taken branch runs and Merge forwards it', () => {
    const exec = new Executor({
      node: [
        placeholderNode('x'), placeholderNode('p', 'bool'),
        nodeDef('sw', 'Switch', ['x', 'p'], F),
        nodeDef('neg', 'Neg', ['sw:0'], F),
        constNode('two', [2], []),
        nodeDef('dbl', 'Mul', ['sw:1', 'two'], F),
        nodeDef('m', 'Merge', ['neg', 'dbl'], { ...F, N: attr.i(2) }),
        nodeDef('after', 'AddV2', ['m', 'x'], F),
      ],
    });
    const x = tf.tensor1d([3]);
    const t = tf.scalar(true, 'bool');
    const f = tf.scalar(false, 'bool');
    const before = tf.memory().numTensors;
    const [a, ai] = exec.run({ x, p: t }, ['after', 'm:1']);
    expect([take(a), take(ai)]).toEqual([[9], 1]);
    const [b, bi] = exec.run({ x, p: f }, ['after', 'm:1']);
    expect([take(b), take(bi)]).toEqual([[0], 0]);
    expect(() => exec.run({ x, p: f }, ['dbl'])).toThrow(/fetch 'dbl' was not computed/);
    exec.dispose();
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([x, t, f]);
  });
});

describe('TF1 while loops (Enter/Merge/Switch/LoopCond/NextIteration/Exit)', () => {
  /** Nodes of `while i < limit: i += step; acc += i_old` in frame `name`, reading outer tensors i0, acc0, step, limit. */
  function tf1Loop(name: string, i0: string, acc0: string, step: string, limit: string) {
    const p = (s: string) => `${name}/${s}`;
    const frame = { frame_name: attr.s(name), ...F };
    return [
      nodeDef(p('Enter'), 'Enter', [i0], frame),
      nodeDef(p('Enter_1'), 'Enter', [acc0], frame),
      nodeDef(p('Enter_2'), 'Enter', [step], { ...frame, is_constant: attr.b(true) }),
      nodeDef(p('Enter_3'), 'Enter', [limit], { ...frame, is_constant: attr.b(true) }),
      nodeDef(p('Merge'), 'Merge', [p('Enter'), p('NextIteration')], { ...F, N: attr.i(2) }),
      nodeDef(p('Merge_1'), 'Merge', [p('Enter_1'), p('NextIteration_1')], { ...F, N: attr.i(2) }),
      // i < limit  as  bool(relu(limit - i))
      nodeDef(p('d'), 'Sub', [p('Enter_3'), p('Merge')], F),
      nodeDef(p('r'), 'Relu', [p('d')], F),
      nodeDef(p('less'), 'Cast', [p('r')], { SrcT: attr.type('float32'), DstT: attr.type('bool') }),
      nodeDef(p('LoopCond'), 'LoopCond', [p('less')]),
      nodeDef(p('Switch'), 'Switch', [p('Merge'), p('LoopCond')], F),
      nodeDef(p('Switch_1'), 'Switch', [p('Merge_1'), p('LoopCond')], F),
      nodeDef(p('Identity'), 'Identity', [p('Switch:1')], F),
      nodeDef(p('Identity_1'), 'Identity', [p('Switch_1:1')], F),
      constNode(p('zero'), [0], []),
      nodeDef(p('add'), 'AddV2', [p('Identity'), p('Enter_2')], F),
      nodeDef(p('add_1'), 'AddV2', [p('Identity_1'), p('Identity')], F),
      nodeDef(p('NextIteration'), 'NextIteration', [p('add')], F),
      nodeDef(p('NextIteration_1'), 'NextIteration', [p('add_1')], F),
      nodeDef(p('Exit'), 'Exit', [p('Switch')], F),
      nodeDef(p('Exit_1'), 'Exit', [p('Switch_1')], F),
    ];
  }

  test('a loop with captured constants runs to completion, repeatedly, without leaks', () => {
    const exec = new Executor({
      node: [
        constNode('i0', [0], []), constNode('acc0', [0], []), constNode('step', [1], []), placeholderNode('limit'),
        ...tf1Loop('while', 'i0', 'acc0', 'step', 'limit'),
        constNode('two', [2], []),
        nodeDef('out', 'Mul', ['while/Exit_1', 'two'], F),
      ],
    });
    const limit = tf.scalar(10);
    const [i, acc, out] = exec.run({ limit }, ['while/Exit', 'while/Exit_1', 'out']);
    expect([take(i), take(acc), take(out)]).toEqual([10, 45, 90]);
    const mark = tf.memory().numTensors;
    const zero = tf.scalar(0);
    expect(take(exec.run({ limit: zero }, ['while/Exit_1'])[0])).toBe(0);
    expect(take(exec.run({ limit }, ['out'])[0])).toBe(90);
    expect(tf.memory().numTensors).toBe(mark + 1);
    tf.dispose([limit, zero]);
    exec.dispose();
  });

  test('nested loops: the inner loop runs once per outer iteration', () => {
    // outer: while j < 3: j += 1; total = inner(total)   where inner adds 0+1+2+3 (= 6) to total
    const inner = tf1Loop('outer/inner', 'outer/Identity_zero', 'outer/Identity_1', 'outer/Enter_2', 'outer/four');
    const outer = tf1Loop('outer', 'j0', 'total0', 'step', 'three').map((n) => (n.name === 'outer/add_1'
      ? nodeDef('outer/add_1', 'Identity', ['outer/inner/Exit_1'], F) // total = inner loop's acc
      : n));
    const exec = new Executor({
      node: [
        constNode('j0', [0], []), constNode('total0', [0], []), constNode('step', [1], []), constNode('three', [3], []),
        ...outer,
        nodeDef('outer/Identity_zero', 'Mul', ['outer/Identity', 'outer/zero'], F),
        constNode('outer/four_value', [4], []),
        nodeDef('outer/four', 'Enter', ['outer/four_value_outer'], { frame_name: attr.s('outer'), ...F, is_constant: attr.b(true) }),
        constNode('outer/four_value_outer', [4], []),
        ...inner,
      ],
    });
    const [total, j] = exec.run({}, ['outer/Exit_1', 'outer/Exit']);
    expect([take(total), take(j)]).toEqual([18, 3]);
    exec.dispose();
  });

  test('the iteration cap applies to TF1 loops too', () => {
    const exec = new Executor({
      node: [constNode('i0', [0], []), constNode('acc0', [0], []), constNode('step', [1], []), constNode('limit', [100], []), ...tf1Loop('w', 'i0', 'acc0', 'step', 'limit')],
    }, { maxLoopIterations: 10 });
    expect(() => exec.run({}, ['w/Exit'])).toThrow(/TF1 while loop 'w' ran 10 iterations/);
    exec.dispose();
  });
});
