/**
 * Ops a SavedModel could use to reach outside itself (files, processes, Python), and which of
 * them each signature would actually run. The loader refuses such signatures unless the caller
 * opts in; `saved-model-cli scan` reports them.
 */
import type { FunctionDefLike, GraphDefLike, NodeDefLike, AttrValueLike } from '../graph/node.js';

/** Op name → what it does that a model from elsewhere should not do unasked. */
export const UNSAFE_OPS: Readonly<Record<string, string>> = Object.freeze({
  ReadFile: 'reads a file',
  WriteFile: 'writes a file',
  MatchingFiles: 'lists files',
  ImmutableConst: 'maps a file into memory',
  Save: 'writes a checkpoint',
  SaveSlices: 'writes a checkpoint',
  SaveV2: 'writes a checkpoint',
  Restore: 'reads a checkpoint',
  RestoreSlice: 'reads a checkpoint',
  RestoreV2: 'reads a checkpoint',
  MergeV2Checkpoints: 'writes and deletes checkpoint files',
  WholeFileReader: 'reads files',
  WholeFileReaderV2: 'reads files',
  TextLineReader: 'reads files',
  TextLineReaderV2: 'reads files',
  FixedLengthRecordReader: 'reads files',
  FixedLengthRecordReaderV2: 'reads files',
  TFRecordReader: 'reads files',
  TFRecordReaderV2: 'reads files',
  TextLineDataset: 'reads files',
  TFRecordDataset: 'reads files',
  FixedLengthRecordDataset: 'reads files',
  FixedLengthRecordDatasetV2: 'reads files',
  MatchingFilesDataset: 'lists files',
  SaveDataset: 'writes files',
  SaveDatasetV2: 'writes files',
  LoadDataset: 'reads files',
  SnapshotDataset: 'reads and writes files',
  SnapshotDatasetV2: 'reads and writes files',
  DatasetToTFRecord: 'writes files',
  CreateSummaryFileWriter: 'writes files',
  PrintV2: 'writes to standard error or a file',
  Print: 'writes to standard error',
  PyFunc: 'runs Python code',
  PyFuncStateless: 'runs Python code',
  EagerPyFunc: 'runs Python code',
});

/** The ops TensorFlow's `saved_model_cli scan` checks by default. */
export const TF_SCAN_DENYLIST: readonly string[] = ['PrintV2', 'ReadFile', 'WriteFile'];

/** An unsafe op found in a graph, with where. */
export interface UnsafeOpUse {
  op: string;
  node: string;
  /** `graph` or `function 'name'`. */
  where: string;
  reason: string;
}

function functionRefs(attr: AttrValueLike): string[] {
  const out: string[] = [];
  if (attr.func?.name) out.push(attr.func.name);
  for (const f of attr.list?.func ?? []) if (f.name) out.push(f.name);
  return out;
}

/** Names of the library functions a node calls: function-valued attrs, or its op when that names a function. */
export function calledFunctions(node: NodeDefLike, library: ReadonlyMap<string, FunctionDefLike>): string[] {
  const out = Object.values(node.attr ?? {}).flatMap(functionRefs);
  if (node.op && library.has(node.op)) out.push(node.op);
  return out;
}

function libraryMap(graph: GraphDefLike): Map<string, FunctionDefLike> {
  return new Map((graph.library?.function ?? []).filter((f) => f.signature?.name).map((f) => [f.signature!.name!, f]));
}

const nodeOfInput = (input: string) => input.replace(/^\^/, '').split(':')[0];

/**
 * The unsafe ops that running `outputs` (tensor names) would execute: nodes reached backwards
 * from the outputs through data and control inputs, stopping at `fed` tensors' nodes, plus every
 * node of every function they call (transitively).
 */
export function unsafeOpsReachable(graph: GraphDefLike, outputs: readonly string[], fed: readonly string[] = []): UnsafeOpUse[] {
  const library = libraryMap(graph);
  const byName = new Map((graph.node ?? []).map((n) => [n.name ?? '', n]));
  const stop = new Set(fed.map(nodeOfInput));
  const found: UnsafeOpUse[] = [];
  const seenFunctions = new Set<string>();
  const pendingFunctions: string[] = [];
  const check = (n: NodeDefLike, where: string) => {
    const reason = n.op ? UNSAFE_OPS[n.op] : undefined;
    if (reason) found.push({ op: n.op!, node: n.name ?? '', where, reason });
    for (const f of calledFunctions(n, library)) if (!seenFunctions.has(f)) { seenFunctions.add(f); pendingFunctions.push(f); }
  };
  const seenNodes = new Set<string>();
  const stack = outputs.map(nodeOfInput);
  while (stack.length > 0) {
    const name = stack.pop()!;
    if (seenNodes.has(name)) continue;
    seenNodes.add(name);
    const n = byName.get(name);
    if (!n) continue;
    check(n, 'graph');
    if (stop.has(name)) continue;
    for (const i of n.input ?? []) stack.push(nodeOfInput(i));
  }
  while (pendingFunctions.length > 0) {
    const fname = pendingFunctions.pop()!;
    for (const n of library.get(fname)?.nodeDef ?? []) check(n, `function '${fname}'`);
  }
  return found;
}

/** Every op type used anywhere in a graph: its nodes and all of its library's function bodies. */
export function allOps(graph: GraphDefLike): Set<string> {
  const ops = new Set<string>();
  for (const n of graph.node ?? []) if (n.op) ops.add(n.op);
  for (const f of graph.library?.function ?? []) for (const n of f.nodeDef ?? []) if (n.op) ops.add(n.op);
  return ops;
}
