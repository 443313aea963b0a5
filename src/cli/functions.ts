/**
 * The "Concrete Functions:" part of `show --all`: the functions reachable from the root of a TF2
 * object graph, with the argument specs of each traced concrete function, printed the way
 * TensorFlow's saved_model_cli prints a loaded model.
 */
import type { tensorflow } from '../index.js';
import { asTensorSpec, pyRepr, pySequence, pyStr, pyTensorSpec, pyTypeName } from './pyrepr.js';

type Structured = tensorflow.StructuredValue.$Properties;
type SavedObjectGraph = tensorflow.SavedObjectGraph.$Properties;

/** Lines describing the concrete functions of the first meta graph that has an object graph ([] if none). */
export function concreteFunctionLines(metaGraphs: readonly tensorflow.MetaGraphDef.$Properties[]): string[] {
  const graph = metaGraphs.find((mg) => mg.objectGraphDef)?.objectGraphDef;
  if (!graph) return [];
  const lines = ['', 'Concrete Functions:'];
  const root = graph.nodes?.[0];
  const children = [...(root?.children ?? [])].sort((a, b) => compare(a.localName ?? '', b.localName ?? ''));
  for (const child of children) {
    const names = functionNames(graph, child.nodeId ?? 0);
    if (!names) continue;
    lines.push(`  Function Name: ${pyStr(child.localName ?? '')}`);
    [...names].sort(compare).forEach((name, i) => lines.push(...optionLines(graph, name, i + 1)));
    lines.push('');
  }
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** The concrete function names behind a node that is a function (undefined for other objects). */
function functionNames(graph: SavedObjectGraph, nodeId: number): string[] | undefined {
  const node = graph.nodes?.[nodeId];
  if (node?.function) return node.function.concreteFunctions ?? [];
  if (node?.bareConcreteFunction) return [node.bareConcreteFunction.concreteFunctionName ?? ''];
  return undefined;
}

function optionLines(graph: SavedObjectGraph, name: string, index: number): string[] {
  const { args, kwargs } = inputSignature(graph, name);
  const lines: string[] = [];
  if (args.length > 0) {
    lines.push(`    Option #${index}`, '      Callable with:');
    args.forEach((arg, i) => lines.push(`        Argument #${i + 1}`, ...argumentLines(arg)));
  }
  kwargs.forEach((key, i) => lines.push(`        Named Argument #${i + 1}`, `          ${key}`));
  return lines;
}

/** Positional argument specs and keyword names of a concrete function. */
function inputSignature(graph: SavedObjectGraph, name: string): { args: (Structured | string)[]; kwargs: string[] } {
  const signature = graph.concreteFunctions?.[name]?.canonicalizedInputSignature;
  const parts = signature ? pySequence(signature) : undefined;
  if (parts && parts.length === 2) {
    return { args: pySequence(parts[0]) ?? [], kwargs: Object.keys(parts[1].dictValue?.fields ?? {}) };
  }
  // Without a recorded signature, a bare concrete function is known by its keywords only.
  const bare = graph.nodes?.find((n) => n.bareConcreteFunction?.concreteFunctionName === name)?.bareConcreteFunction;
  return { args: bare?.argumentKeywords ?? [], kwargs: [] };
}

function argumentLines(arg: Structured | string): string[] {
  const pad = '          ';
  if (typeof arg === 'string') return [pad + arg];
  if (arg.stringValue != null) return [pad + arg.stringValue];
  const spec = asTensorSpec(arg);
  if (spec) return [`${pad}${spec.spec.name || 'None'}: ${pyTensorSpec(spec.kind, spec.spec)}`];
  const items = pySequence(arg);
  if (items) return [`${pad}DType: ${pyTypeName(arg)}`, `${pad}Value: [${items.map(pyRepr).join(', ')}]`];
  if (arg.dictValue) {
    const entries = Object.entries(arg.dictValue.fields ?? {}).map(([k, v]) => `'${k}': ${pyRepr(v)}`);
    return [`${pad}DType: dict`, `${pad}Value: {${entries.join(', ')}}`];
  }
  return [`${pad}DType: ${pyTypeName(arg)}`, `${pad}Value: ${pyRepr(arg).replace(/^'(.*)'$/, '$1')}`];
}

/** Python's default string order (by code point). */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
