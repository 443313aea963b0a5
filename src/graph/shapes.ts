/**
 * Shape inference for graph building: the output shapes of an op from its input shapes, attrs
 * and (for shape-like inputs such as Reshape's `shape`) input values known at build time — the
 * part of TensorFlow's C++ shape functions that traced functions need. Ops without a rule get
 * unknown shapes, which is always valid (TensorFlow treats `_output_shapes` as a hint).
 */
import { SavedModelError } from '../errors.js';
import { ShapeAttr, TensorAttr, type AttrJs } from './attrs.js';
import { shapeFromProto } from './node.js';
import { describeDims, type Dims, type SymbolicTensor } from './symbolic.js';

/** What a shape rule sees: flat inputs, attrs with defaults, output count. */
export interface ShapeContext {
  readonly op: string;
  readonly inputs: readonly SymbolicTensor[];
  readonly attrs: Readonly<Record<string, AttrJs>>;
  readonly numOutputs: number;
}

type Rule = (c: ShapeContext) => (Dims | null)[];

const one = (d: Dims | null): (Dims | null)[] => [d];
const sameAsInput = (i: number): Rule => (c) => one(c.inputs[i].shape);

function fail(c: ShapeContext, what: string): never {
  throw new SavedModelError('INVALID_ARGUMENT', `${c.op}: ${what}`);
}

/** Numpy-style broadcast of two shapes; throws on incompatible known dims. */
export function broadcastDims(a: Dims | null, b: Dims | null, op = 'broadcast'): Dims | null {
  if (a === null || b === null) return null;
  const n = Math.max(a.length, b.length);
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const x = i < n - a.length ? 1 : a[i - (n - a.length)];
    const y = i < n - b.length ? 1 : b[i - (n - b.length)];
    if (x === 1) out.push(y);
    else if (y === 1) out.push(x);
    else if (x < 0 || y < 0) out.push(x < 0 ? (y < 0 ? -1 : y) : x);
    else if (x === y) out.push(x);
    else throw new SavedModelError('INVALID_ARGUMENT', `${op}: incompatible shapes ${describeDims(a)} and ${describeDims(b)}`);
  }
  return out;
}

const broadcast: Rule = (c) => one(c.inputs.reduce<Dims | null>((acc, t, i) => (i === 0 ? t.shape : broadcastDims(acc, t.shape, c.op)), []));

function ints(t: SymbolicTensor | undefined): number[] | undefined {
  const v = t?.constValue;
  if (!v || v.some((x) => typeof x !== 'number')) return undefined;
  return v as number[];
}

function normAxis(c: ShapeContext, axis: number, rank: number): number {
  const a = axis < 0 ? axis + rank : axis;
  if (a < 0 || a >= rank) fail(c, `axis ${axis} is out of range for rank ${rank}`);
  return a;
}

const matMul: Rule = (c) => {
  const [a, b] = c.inputs;
  if (a.shape === null || b.shape === null) return [[-1, -1]];
  if (a.shape.length !== 2 || b.shape.length !== 2) fail(c, `inputs must be matrices, got ${describeDims(a.shape)} and ${describeDims(b.shape)}`);
  const ta = c.attrs.transpose_a === true;
  const tb = c.attrs.transpose_b === true;
  const [m, ka] = ta ? [a.shape[1], a.shape[0]] : [a.shape[0], a.shape[1]];
  const [kb, n] = tb ? [b.shape[1], b.shape[0]] : [b.shape[0], b.shape[1]];
  if (ka >= 0 && kb >= 0 && ka !== kb) fail(c, `inner dimensions differ: ${describeDims(a.shape)} × ${describeDims(b.shape)}`);
  return [[m, n]];
};

const batchMatMul: Rule = (c) => {
  const [a, b] = c.inputs;
  if (a.shape === null || b.shape === null) return [null];
  if (a.shape.length < 2 || b.shape.length < 2) fail(c, 'inputs must have rank >= 2');
  const ax = c.attrs.adj_x === true;
  const ay = c.attrs.adj_y === true;
  const ra = a.shape.length;
  const rb = b.shape.length;
  const m = ax ? a.shape[ra - 1] : a.shape[ra - 2];
  const n = ay ? b.shape[rb - 2] : b.shape[rb - 1];
  const batch = broadcastDims(a.shape.slice(0, -2), b.shape.slice(0, -2), c.op);
  return [batch === null ? null : [...batch, m, n]];
};

const reduce: Rule = (c) => {
  const [x, axes] = c.inputs;
  const keep = c.attrs.keep_dims === true;
  const ax = ints(axes);
  if (x.shape === null) return [null];
  if (!ax) return [keep ? x.shape.map(() => -1) : null];
  const r = x.shape.length;
  const set = new Set(ax.map((a) => normAxis(c, a, r)));
  const out: number[] = [];
  x.shape.forEach((d, i) => {
    if (!set.has(i)) out.push(d);
    else if (keep) out.push(1);
  });
  return [out];
};

const argReduce: Rule = (c) => {
  const [x, axis] = c.inputs;
  const ax = ints(axis);
  if (x.shape === null || !ax) return [null];
  const a = normAxis(c, ax[0], x.shape.length);
  return [x.shape.filter((_, i) => i !== a)];
};

const reshape: Rule = (c) => {
  const [x, shapeT] = c.inputs;
  const target = ints(shapeT);
  if (!target) {
    const n = shapeT.shape?.[0];
    return [n === undefined || n < 0 ? null : new Array<number>(n).fill(-1)];
  }
  const known = target.filter((d) => d >= 0).reduce((a, b) => a * b, 1);
  const holes = target.filter((d) => d < 0).length;
  if (holes > 1) fail(c, `at most one dimension may be -1, got [${target.join(',')}]`);
  const total = x.shape === null || x.shape.some((d) => d < 0) ? -1 : x.shape.reduce((a, b) => a * b, 1);
  if (holes === 0) {
    if (total >= 0 && total !== known) fail(c, `cannot reshape a tensor with ${total} elements to shape [${target.join(',')}]`);
    return [target];
  }
  if (total < 0) return [target];
  if (known === 0 || total % known !== 0) fail(c, `cannot reshape a tensor with ${total} elements to shape [${target.join(',')}]`);
  return [target.map((d) => (d < 0 ? total / known : d))];
};

const transpose: Rule = (c) => {
  const [x, permT] = c.inputs;
  const perm = ints(permT);
  if (x.shape === null) return [null];
  if (!perm) return [x.shape.map(() => -1)];
  if (perm.length !== x.shape.length) fail(c, `perm [${perm.join(',')}] does not match rank ${x.shape.length}`);
  return [perm.map((p) => x.shape![normAxis(c, p, perm.length)])];
};

const expandDims: Rule = (c) => {
  const [x, dimT] = c.inputs;
  const dim = ints(dimT);
  if (x.shape === null || !dim) return [null];
  const r = x.shape.length + 1;
  const a = normAxis(c, dim[0], r);
  const out = [...x.shape];
  out.splice(a, 0, 1);
  return [out];
};

const squeeze: Rule = (c) => {
  const x = c.inputs[0];
  const dims = (c.attrs.squeeze_dims as number[] | undefined) ?? [];
  if (x.shape === null) return [null];
  if (dims.length === 0) {
    if (x.shape.some((d) => d < 0)) return [null];
    return [x.shape.filter((d) => d !== 1)];
  }
  const set = new Set(dims.map((d) => normAxis(c, d, x.shape!.length)));
  for (const i of set) if (x.shape[i] > 1) fail(c, `cannot squeeze dimension ${i} of size ${x.shape[i]}`);
  return [x.shape.filter((_, i) => !set.has(i))];
};

const concat: Rule = (c) => {
  const values = c.inputs.slice(0, -1);
  const ax = ints(c.inputs[c.inputs.length - 1]);
  const known = values.find((v) => v.shape !== null);
  if (!known || !ax) return [known ? known.shape!.map(() => -1) : null];
  const r = known.shape!.length;
  const a = normAxis(c, ax[0], r);
  const out = [...known.shape!];
  out[a] = 0;
  for (const v of values) {
    if (v.shape === null) {
      out[a] = -1;
      continue;
    }
    if (v.shape.length !== r) fail(c, `ranks differ: ${describeDims(known.shape)} and ${describeDims(v.shape)}`);
    v.shape.forEach((d, i) => {
      if (i === a) out[a] = out[a] < 0 || d < 0 ? -1 : out[a] + d;
      else if (out[i] < 0) out[i] = d;
    });
  }
  return [out];
};

const pack: Rule = (c) => {
  const axis = (c.attrs.axis as number) ?? 0;
  const known = c.inputs.find((v) => v.shape !== null);
  if (!known) return [null];
  const out = [...known.shape!];
  out.splice(normAxis(c, axis, out.length + 1), 0, c.inputs.length);
  return [out];
};

const fill: Rule = (c) => {
  const dims = ints(c.inputs[0]);
  if (dims) return [dims];
  const n = c.inputs[0].shape?.[0];
  return [n === undefined || n < 0 ? null : new Array<number>(n).fill(-1)];
};

const range: Rule = (c) => {
  const [s, l, d] = c.inputs.map((t) => ints(t)?.[0]);
  if (s === undefined || l === undefined || d === undefined || d === 0) return [[-1]];
  return [[Math.max(0, Math.ceil((l - s) / d))]];
};

const shapeOf: Rule = (c) => one(c.inputs[0].shape === null ? [-1] : [c.inputs[0].shape.length]);

const tile: Rule = (c) => {
  const [x, mT] = c.inputs;
  const m = ints(mT);
  if (x.shape === null) return [null];
  if (!m) return [x.shape.map(() => -1)];
  return [x.shape.map((d, i) => (d < 0 ? -1 : d * m[i]))];
};

const gather: Rule = (c) => {
  const [params, indices, axisT] = c.inputs;
  const ax = axisT ? ints(axisT) : [0];
  const batchDims = (c.attrs.batch_dims as number) ?? 0;
  if (params.shape === null || indices.shape === null || !ax) return [null];
  const a = normAxis(c, ax[0], params.shape.length);
  return [[...params.shape.slice(0, a), ...indices.shape.slice(batchDims), ...params.shape.slice(a + 1)]];
};

const oneHot: Rule = (c) => {
  const [indices, depthT] = c.inputs;
  const depth = ints(depthT)?.[0] ?? -1;
  if (indices.shape === null) return [null];
  const axis = (c.attrs.axis as number) ?? -1;
  const out = [...indices.shape];
  out.splice(axis < 0 ? out.length : axis, 0, depth);
  return [out];
};

const biasAdd: Rule = (c) => one(c.inputs[0].shape);

const select: Rule = (c) => {
  const [cond, t, e] = c.inputs;
  if (c.op === 'Select' && cond.shape !== null && cond.shape.length === 1 && t.shape !== null && t.shape.length > 1) return one(t.shape);
  return one(broadcastDims(broadcastDims(cond.shape, t.shape, c.op), e.shape, c.op));
};

const unknownOutputs: Rule = (c) => new Array<Dims | null>(c.numOutputs).fill(null);
const scalar: Rule = () => [[]];
const none: Rule = () => [];

const RULES: Readonly<Record<string, Rule>> = {
  Identity: sameAsInput(0), Snapshot: sameAsInput(0), StopGradient: sameAsInput(0), PreventGradient: sameAsInput(0),
  IdentityN: (c) => c.inputs.map((t) => t.shape),
  Neg: sameAsInput(0), Abs: sameAsInput(0), Exp: sameAsInput(0), Log: sameAsInput(0), Log1p: sameAsInput(0),
  Sqrt: sameAsInput(0), Rsqrt: sameAsInput(0), Square: sameAsInput(0), Reciprocal: sameAsInput(0), Sign: sameAsInput(0),
  Floor: sameAsInput(0), Ceil: sameAsInput(0), Round: sameAsInput(0), Sin: sameAsInput(0), Cos: sameAsInput(0),
  Tan: sameAsInput(0), Tanh: sameAsInput(0), Sigmoid: sameAsInput(0), Erf: sameAsInput(0), Softplus: sameAsInput(0),
  Relu: sameAsInput(0), Relu6: sameAsInput(0), Elu: sameAsInput(0), Selu: sameAsInput(0), LeakyRelu: sameAsInput(0),
  Softmax: sameAsInput(0), LogSoftmax: sameAsInput(0), LogicalNot: sameAsInput(0), Cast: sameAsInput(0),
  IsNan: sameAsInput(0), IsFinite: sameAsInput(0), ZerosLike: sameAsInput(0), OnesLike: sameAsInput(0),
  Add: broadcast, AddV2: broadcast, Sub: broadcast, Mul: broadcast, RealDiv: broadcast, Div: broadcast, DivNoNan: broadcast,
  FloorDiv: broadcast, FloorMod: broadcast, Pow: broadcast, Maximum: broadcast, Minimum: broadcast,
  SquaredDifference: broadcast, Equal: broadcast, NotEqual: broadcast, Less: broadcast, LessEqual: broadcast,
  Greater: broadcast, GreaterEqual: broadcast, LogicalAnd: broadcast, LogicalOr: broadcast,
  AddN: broadcast, BiasAdd: biasAdd, BiasAddV1: biasAdd, Select: select, SelectV2: select,
  MatMul: matMul, BatchMatMul: batchMatMul, BatchMatMulV2: batchMatMul, BatchMatMulV3: batchMatMul,
  Sum: reduce, Mean: reduce, Max: reduce, Min: reduce, Prod: reduce, All: reduce, Any: reduce,
  ArgMax: argReduce, ArgMin: argReduce,
  Reshape: reshape, Transpose: transpose, ExpandDims: expandDims, Squeeze: squeeze,
  ConcatV2: concat, Pack: pack, Fill: fill, Range: range, Shape: shapeOf, Size: scalar, Rank: scalar,
  Tile: tile, GatherV2: gather, OneHot: oneHot,
  Const: (c) => one(c.attrs.value instanceof TensorAttr ? shapeFromProto(c.attrs.value.proto.tensorShape) : null),
  Placeholder: (c) => one((c.attrs.shape as ShapeAttr | undefined)?.dims ?? null),
  PlaceholderWithDefault: (c) => one((c.attrs.shape as ShapeAttr | undefined)?.dims ?? null),
  VarHandleOp: scalar, ReadVariableOp: (c) => one(c.inputs[0].handleData?.shape ?? null), NoOp: none,
  StringJoin: broadcast, StaticRegexFullMatch: sameAsInput(0), ShardedFilename: broadcast,
};

/** Output shapes of one op; unknown (null) for every output of ops without a rule. */
export function inferShapes(c: ShapeContext): (Dims | null)[] {
  const rule = RULES[c.op] ?? unknownOutputs;
  const out = rule(c);
  while (out.length < c.numOutputs) out.push(null);
  return out.slice(0, c.numOutputs);
}

/** True when a rule exists for `op`. */
export function hasShapeRule(op: string): boolean {
  return op in RULES;
}
