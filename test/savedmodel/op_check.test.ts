/** What the loader checks before running anything: ops without kernels, ops reaching outside the model. */
import { nodeDef, placeholderNode } from '../../src/graph/build.js';
import type { FunctionDefLike, GraphDefLike } from '../../src/graph/node.js';
import { OpReachability } from '../../src/savedmodel/op_check.js';
import type { SavedModelError } from '../../src/errors.js';

const fn = (name: string, ops: [string, string][]): FunctionDefLike => ({
  signature: { name, inputArg: [], outputArg: [] },
  nodeDef: ops.map(([n, op]) => ({ name: n, op })),
});

// x → read (ReadFile) → call (PartitionedCall f=outer) ; outer calls inner (by name), inner uses PyFunc and Frobnicate.
const graph: GraphDefLike = {
  node: [
    placeholderNode('x', 'string'),
    nodeDef('read', 'ReadFile', ['x'], {}),
    { name: 'call', op: 'PartitionedCall', input: ['read'], attr: { f: { func: { name: 'outer' } } } },
    nodeDef('unused', 'WriteFile', ['x', 'x'], {}),
    { name: 'grad', op: 'Frobnicate', input: [] },
  ],
  library: { function: [fn('outer', [['c', 'inner']]), fn('inner', [['p', 'PyFunc'], ['z', 'Frobnicate']])] },
};

describe('OpReachability', () => {
  test('walks inputs and called functions, not unused nodes; names every missing op at once', () => {
    const r = new OpReachability(graph).addNodes(['call:0']);
    expect(r.result().map((m) => `${m.op}@${m.node} in ${m.where}`).sort()).toEqual([
      "Frobnicate@z in function 'inner'", "PyFunc@p in function 'inner'", 'ReadFile@read in graph',
    ]);
    expect(() => r.throwIfMissing('loading m')).toThrow(/loading m: unsupported TensorFlow op\(s\) Frobnicate, PyFunc, ReadFile; used by/);
  });

  test('unsafe ops are refused unless allowed (all, or by name); feeds stop the walk', () => {
    const r = new OpReachability(graph).addNodes(['call:0']);
    let err: SavedModelError | undefined;
    try {
      r.throwIfUnsafe("signature 's'", undefined);
    } catch (e) {
      err = e as SavedModelError;
    }
    expect(err?.code).toBe('PERMISSION_DENIED');
    expect(err?.message).toMatch(/^signature 's' would run op\(s\) that reach outside the model: /);
    expect(err?.message).toContain("ReadFile (node 'read' in graph: reads a file)");
    expect(err?.message).toContain("PyFunc (node 'p' in function 'inner': runs Python code)");
    expect(() => r.throwIfUnsafe("signature 's'", ['ReadFile'])).toThrow(/PyFunc/);
    expect(() => r.throwIfUnsafe("signature 's'", ['ReadFile', 'PyFunc'])).not.toThrow();
    expect(() => r.throwIfUnsafe("signature 's'", true)).not.toThrow();
    // feeding the ReadFile's output keeps it from running
    const fed = new OpReachability({ node: graph.node }).addNodes(['call:0'], ['read:0']);
    expect(() => fed.throwIfUnsafe('s', undefined)).not.toThrow();
  });
});
