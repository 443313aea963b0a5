/** Op definitions: shape queries, shape assertions, printing, fake quantisation (kernels: src/runtime/kernels/graph.ts). */
import type { OpSpecTable } from '../opdef.js';

const fakeQuant = ['num_bits: int = 8', 'narrow_range: bool = false'];

export const graphOps: OpSpecTable = {
  Rank: { in: ['input: T'], out: ['output: int32'] },
  Size: { in: ['input: T'], out: ['output: out_type'], attrs: ['out_type: type = int32'] },
  ShapeN: { in: ['input: N * T'], out: ['output: N * out_type'], attrs: ['N: int', 'out_type: type = int32'] },
  EnsureShape: { in: ['input: T'], out: ['output: T'], attrs: ['shape: shape'] },
  Print: {
    in: ['input: T', 'data: U'], out: ['output: T'],
    attrs: ['U: list(type)', "message: string = ''", 'first_n: int = -1', 'summarize: int = 3'], stateful: true,
  },
  FakeQuantWithMinMaxVars: { in: ['inputs: float', 'min: float', 'max: float'], out: ['outputs: float'], attrs: fakeQuant },
  FakeQuantWithMinMaxArgs: { in: ['inputs: float'], out: ['outputs: float'], attrs: ['min: float = -6', 'max: float = 6', ...fakeQuant] },
};
