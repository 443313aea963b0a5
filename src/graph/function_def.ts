/**
 * FuncGraph → FunctionDef, following TensorFlow's GraphToFunctionDef: output args are named
 * after their Identity nodes and input args after their Placeholders, normalized to
 * `[a-z][a-z0-9_]*` and made unique (`identity`, `identity_1`, `unknown_0`); body nodes refer to
 * tensors as `node:out_arg:index` and to arguments by name; control inputs are sorted; argument
 * attrs carry `_output_shapes` and `_user_specified_name`.
 */
import { SavedModelError } from '../errors.js';
import { attr } from './build.js';
import { shapeProto } from './constant.js';
import { dtypeToEnum } from './dtypes.js';
import { exportAttrs, sortedRecord, type ExportOptions } from './export_attrs.js';
import type { FuncGraph } from './func_graph.js';
import type { AttrValueLike, FunctionDefLike, NodeDefLike } from './node.js';
import { argOffsets } from './opdef.js';
import type { Operation, SymbolicTensor } from './symbolic.js';

/** TF's NodeNameMapping: normalized, unique argument names and unique node names. */
class NameMapping {
  private readonly used = new Map<string, number>();
  private readonly mapping = new Map<string, string>();

  static normalize(name: string): string {
    const lowered = name.replace(/[^A-Za-z0-9]/g, '_').toLowerCase();
    const first = lowered.search(/[a-z]/);
    return first < 0 ? 'unknown' : lowered.slice(first);
  }

  private uniquify(name: string): string {
    const count = this.used.get(name);
    if (count === undefined) {
      this.used.set(name, 0);
      return name;
    }
    for (let i = count; ; i++) {
      const candidate = `${name}_${i}`;
      if (!this.used.has(candidate)) {
        this.used.set(name, i + 1);
        this.used.set(candidate, 0);
        return candidate;
      }
    }
  }

  outputName(nodeName: string): string {
    return this.uniquify(NameMapping.normalize(nodeName));
  }

  inputName(nodeName: string): string {
    const n = this.uniquify(NameMapping.normalize(nodeName));
    this.mapping.set(nodeName, n);
    return n;
  }

  nodeName(nodeName: string): string {
    const n = this.uniquify(nodeName);
    this.mapping.set(nodeName, n);
    return n;
  }

  lookup(nodeName: string): string | undefined {
    return this.mapping.get(nodeName);
  }
}

/** Extra function attrs TF writes on traced functions. */
const FUNCTION_ATTRS: Record<string, AttrValueLike> = { _construction_context: attr.s('kEagerRuntime') };

/** A FunctionDef as the writer emits it (with per-argument attrs). */
export interface ExportedFunctionDef extends FunctionDefLike {
  argAttr: Record<number, { attr: Record<string, AttrValueLike> }>;
}

/** The FunctionDef of a finished FuncGraph. */
export function toFunctionDef(g: FuncGraph, options: ExportOptions = {}): ExportedFunctionDef {
  const names = new NameMapping();
  const renaming = new Map<string, string>();
  const argTensors = [...g.inputs, ...g.captures.map((c) => c.placeholder)];
  const argOps = new Set(argTensors.map((t) => t.op));

  const outputArg = g.outputs.map((t) => ({ name: names.outputName(t.op.name), type: dtypeToEnum(t.dtype) }));
  const argAttr: Record<number, { attr: Record<string, AttrValueLike> }> = {};
  const inputArg = argTensors.map((t, i) => {
    const name = names.inputName(t.op.name);
    renaming.set(t.name, name);
    argAttr[i] = { attr: argAttrs(t) };
    const v = g.handleData.get(t);
    return v
      ? { name, type: dtypeToEnum('resource'), handleData: [{ dtype: dtypeToEnum(v.tfDtype), shape: shapeProto([...v.shape]) }] }
      : { name, type: dtypeToEnum(t.dtype) };
  });

  const body = g.operations.filter((op) => !argOps.has(op));
  for (const op of body) {
    const nodeName = names.nodeName(op.name);
    const { offsets } = argOffsets(op.def.outputs, op.attrValues);
    op.outputs.forEach((t) => {
      let a = offsets.length - 1;
      while (a > 0 && offsets[a] > t.index) a--;
      if (!renaming.has(t.name)) renaming.set(t.name, `${nodeName}:${op.def.outputs[a].name}:${t.index - offsets[a]}`);
    });
  }

  const nodeDef: NodeDefLike[] = body.map((op) => {
    const input = op.inputs.map((t) => {
      const r = renaming.get(t.name);
      if (r === undefined) throw new SavedModelError('INTERNAL', `${g.description}: input ${t.name} of '${op.name}' is not in the function`);
      return r;
    });
    for (const c of [...op.controlInputs].sort((a, b) => cmp(a.name, b.name))) {
      const r = names.lookup(c.name);
      if (r === undefined) throw new SavedModelError('INTERNAL', `${g.description}: control input ${c.name} of '${op.name}' is not in the function`);
      input.push(`^${r}`);
    }
    const n: NodeDefLike = { name: names.lookup(op.name)!, op: op.type, input, attr: exportAttrs(op, options) };
    return op.device ? { ...n, device: op.device } : n;
  });

  const ret: Record<string, string> = {};
  g.outputs.forEach((t, i) => (ret[outputArg[i].name] = renaming.get(t.name)!));
  const controlRet: Record<string, string> = {};
  for (const op of g.controlOutputs) controlRet[op.name] = names.lookup(op.name)!;
  const controlOutput = Object.keys(controlRet).sort(cmp);

  const signature = {
    name: g.name,
    inputArg,
    outputArg,
    ...(body.some((op) => op.def.stateful) ? { isStateful: true } : {}),
    ...(controlOutput.length ? { controlOutput } : {}),
  };
  const attrs = sortedRecord({ ...FUNCTION_ATTRS, _input_shapes: { list: { shape: argTensors.map((t) => shapeProto(t.dtype === 'resource' ? [] : t.shape)) } } });
  return {
    signature,
    attr: attrs,
    nodeDef,
    ret: sortedRecord(ret),
    ...(controlOutput.length ? { controlRet: sortedRecord(controlRet) } : {}),
    argAttr,
  };
}

function argAttrs(t: SymbolicTensor): Record<string, AttrValueLike> {
  const out: Record<string, AttrValueLike> = {};
  for (const [k, v] of Object.entries(t.op.attrs)) if (k.startsWith('_')) out[k] = v;
  if (t.dtype !== 'resource') out._output_shapes = { list: { shape: [shapeProto(t.shape)] } };
  return sortedRecord(out);
}

/** Byte-order comparison of ASCII names (what C++ std::string ordering gives). */
function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Operations of a FunctionDef body that call other functions, by callee name (for library closure). */
export function calledFunctionNames(ops: readonly Operation[]): string[] {
  const out = new Set<string>();
  for (const op of ops) {
    for (const v of Object.values(op.attrs)) {
      if (v.func?.name) out.add(v.func.name);
      for (const f of v.list?.func ?? []) if (f.name) out.add(f.name);
    }
  }
  return [...out];
}
