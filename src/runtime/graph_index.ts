/**
 * A graph (a GraphDef's nodes, or a FunctionDef's body) indexed for planning: every node with
 * its op definition, attrs (defaults merged), output count and inputs resolved to
 * (producer node, flat output index). Input names follow GraphDef (`node`, `node:1`, `^node`) or
 * FunctionDef (`arg`, `node:out_arg:idx`, `^node`) conventions. A function's arguments become
 * `_Arg` nodes and its results `rets`, so graphs and functions plan the same way.
 */
import { SavedModelError } from '../errors.js';
import { parseAttrMap, type AttrJs } from '../graph/attrs.js';
import type { TfDType } from '../graph/dtypes.js';
import type { FunctionDefLike, NodeDefLike } from '../graph/node.js';
import { argCount, argOffsets, outputDtypes, withDefaults, type OpDef } from '../graph/opdef.js';
import { getOpDef } from '../graph/ops/index.js';
import type { FunctionLibrary } from './library.js';
import { collapseLoops, type LoopInfo } from './tf1_loops.js';

/** One tensor: output `output` of node number `node`. */
export interface TensorRef {
  readonly node: number;
  readonly output: number;
}

/** One indexed node. */
export interface IndexedNode {
  readonly index: number;
  readonly name: string;
  readonly op: string;
  readonly device: string;
  /** Definition from the op registry or the function library; `undefined` for unknown ops. */
  readonly def: OpDef | undefined;
  /** True when `op` names a library function. */
  readonly isFunctionCall: boolean;
  readonly attrs: Record<string, AttrJs>;
  readonly numOutputs: number;
  readonly outDtypes: (TfDType | undefined)[];
  inputs: TensorRef[];
  controls: number[];
  /** For each input, whether the consuming arg is a reference (`Ref(T)`). */
  refInputs: boolean[];
  /** Set on `_TF1Loop` nodes: the collapsed TF1 while loop. */
  loop?: LoopInfo;
}

/** An indexed graph or function body. */
export class GraphIndex {
  readonly nodes: IndexedNode[] = [];
  readonly byName = new Map<string, number>();
  /** Function arguments (`_Arg` node indices), in signature order. */
  readonly args: number[] = [];
  /** Function results, in signature order. */
  readonly rets: TensorRef[] = [];
  /** Function control outputs (nodes that must run). */
  readonly controlRets: number[] = [];

  private constructor(readonly what: string) {}

  /** Indexes a GraphDef's nodes. */
  static fromGraph(nodes: readonly NodeDefLike[], lib: FunctionLibrary, what = 'graph'): GraphIndex {
    const g = new GraphIndex(what);
    for (const n of nodes) g.addNode(n, lib);
    for (let i = 0; i < nodes.length; i++) g.resolveInputs(g.nodes[i], nodes[i].input ?? [], false);
    if (g.nodes.some((n) => n.op === 'Enter' || n.op === 'RefEnter')) collapseLoops(g);
    return g;
  }

  /** Indexes a FunctionDef body: args, nodes, rets and control rets. */
  static fromFunction(f: FunctionDefLike, lib: FunctionLibrary): GraphIndex {
    const sig = f.signature ?? {};
    const fname = sig.name ?? '';
    const g = new GraphIndex(`function '${fname}'`);
    const argDef = lib.opDef(fname);
    (sig.inputArg ?? []).forEach((a, i) => {
      const name = a.name ?? `arg${i}`;
      const dtype = argDef.inputs[i].type;
      const idx = g.nodes.length;
      g.nodes.push({
        index: idx, name, op: '_Arg', device: '', def: undefined, isFunctionCall: false, attrs: { index: i },
        numOutputs: 1, outDtypes: [dtype], inputs: [], controls: [], refInputs: [],
      });
      g.byName.set(name, idx);
      g.args.push(idx);
    });
    const body = f.nodeDef ?? [];
    for (const n of body) g.addNode(n, lib);
    for (let i = 0; i < body.length; i++) g.resolveInputs(g.nodes[g.args.length + i], body[i].input ?? [], true);
    for (const out of sig.outputArg ?? []) {
      const src = f.ret?.[out.name ?? ''];
      if (src === undefined) throw new SavedModelError('INVALID_ARGUMENT', `${g.what}: output '${out.name}' has no ret entry`);
      g.rets.push(g.resolveTensor(src, true, `output '${out.name}'`));
    }
    for (const c of sig.controlOutput ?? []) {
      const src = f.controlRet?.[c] ?? c;
      g.controlRets.push(g.nodeIndex(src, `control output '${c}'`));
    }
    return g;
  }

  private addNode(n: NodeDefLike, lib: FunctionLibrary): void {
    const name = n.name ?? '';
    const op = n.op ?? '';
    if (!name) throw new SavedModelError('INVALID_ARGUMENT', `${this.what}: a node has no name (op ${op})`);
    if (this.byName.has(name)) throw new SavedModelError('INVALID_ARGUMENT', `${this.what}: duplicate node name '${name}'`);
    const isFunctionCall = !getOpDef(op) && lib.has(op);
    const def = isFunctionCall ? lib.opDef(op) : getOpDef(op);
    const attrs = parseAttrMap(n.attr);
    if (def) withDefaults(def, attrs);
    const numOutputs = def ? argOffsets(def.outputs, attrs).total : 0;
    const index = this.nodes.length;
    this.nodes.push({
      index, name, op, device: n.device ?? '', def, isFunctionCall, attrs, numOutputs,
      outDtypes: def ? outputDtypes(def, attrs) : [], inputs: [], controls: [], refInputs: [],
    });
    this.byName.set(name, index);
  }

  private nodeIndex(name: string, what: string): number {
    const i = this.byName.get(name);
    if (i === undefined) throw new SavedModelError('INVALID_ARGUMENT', `${this.what}: ${what} refers to unknown node '${name}'`);
    return i;
  }

  /** Resolves a tensor name in GraphDef or FunctionDef form. */
  resolveTensor(ref: string, functionStyle: boolean, what: string): TensorRef {
    const parts = ref.split(':');
    const node = this.nodeIndex(parts[0], what);
    if (parts.length === 1) return { node, output: 0 };
    if (parts.length === 2 && !functionStyle) return { node, output: parseIndex(parts[1], ref, this.what) };
    if (parts.length === 2 && this.nodes[node].op === '_Arg') return { node, output: 0 };
    if (parts.length !== 3 && !(parts.length === 2 && functionStyle)) {
      throw new SavedModelError('INVALID_ARGUMENT', `${this.what}: bad tensor name '${ref}' in ${what}`);
    }
    const n = this.nodes[node];
    const idx = parts.length === 3 ? parseIndex(parts[2], ref, this.what) : 0;
    if (!n.def) return { node, output: idx };
    const argNo = n.def.outputs.findIndex((a) => a.name === parts[1]);
    if (argNo < 0) {
      throw new SavedModelError('INVALID_ARGUMENT', `${this.what}: ${what} names output '${parts[1]}' of node '${n.name}' (${n.op}), which has outputs ${n.def.outputs.map((a) => a.name).join(', ')}`);
    }
    const { offsets } = argOffsets(n.def.outputs, n.attrs);
    if (idx >= argCount(n.def.outputs[argNo], n.attrs)) {
      throw new SavedModelError('INVALID_ARGUMENT', `${this.what}: ${what}: '${ref}' is out of range`);
    }
    return { node, output: offsets[argNo] + idx };
  }

  private resolveInputs(n: IndexedNode, inputs: readonly string[], functionStyle: boolean): void {
    const what = `input of node '${n.name}'`;
    const refArgs = n.def ? expandRefFlags(n.def, n.attrs) : [];
    for (const s of inputs) {
      if (s.startsWith('^')) {
        n.controls.push(this.nodeIndex(s.slice(1), what));
        continue;
      }
      const r = this.resolveTensor(s, functionStyle, what);
      const src = this.nodes[r.node];
      if (src.def && r.output >= src.numOutputs) {
        throw new SavedModelError('INVALID_ARGUMENT', `${this.what}: ${what} reads '${s}', but node '${src.name}' (${src.op}) has ${src.numOutputs} output(s)`);
      }
      n.refInputs.push(refArgs[n.inputs.length] ?? false);
      n.inputs.push(r);
    }
  }
}

function parseIndex(s: string, ref: string, what: string): number {
  const i = Number(s);
  if (!Number.isInteger(i) || i < 0) throw new SavedModelError('INVALID_ARGUMENT', `${what}: bad tensor name '${ref}'`);
  return i;
}

/** One flag per flat input: is the consuming arg a reference? */
function expandRefFlags(def: OpDef, attrs: Readonly<Record<string, AttrJs>>): boolean[] {
  const out: boolean[] = [];
  for (const a of def.inputs) {
    const n = argCount(a, attrs);
    for (let i = 0; i < n; i++) out.push(a.isRef);
  }
  return out;
}
