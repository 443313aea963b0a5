/**
 * `saved-model-cli scan`: TensorFlow's check for denylisted ops in each meta graph, followed by
 * our per-signature report of every op that would reach outside the model (files, Python).
 */
import { SavedModelError, TF_SCAN_DENYLIST, UNSAFE_OPS, allOps, readSavedModel, unsafeOpsReachable, type tensorflow } from '../index.js';
import { parseFlags } from './args.js';
import { pyStr } from './pyrepr.js';
import { findMetaGraph, tagsOf } from './show.js';

/** Usage text of the scan command. */
export const SCAN_USAGE = 'usage: saved-model-cli scan --dir DIR [--tag_set TAGS] [--op_denylist OP1,OP2]';

type MetaGraph = tensorflow.MetaGraphDef.$Properties;

const pySet = (items: Iterable<string>) => `{${[...items].sort().map(pyStr).join(', ')}}`;
const pyList = (items: readonly string[]) => `[${items.map(pyStr).join(', ')}]`;

function scanLines(mg: MetaGraph, denylist: readonly string[]): string[] {
  const graph = mg.graphDef ?? {};
  const used = allOps(graph);
  const hits = denylist.filter((op) => used.has(op));
  const lines = [
    hits.length > 0
      ? `MetaGraph with tag set ${pyList(tagsOf(mg))} contains the following denylisted ops: ${pySet(hits)}`
      : `MetaGraph with tag set ${pyList(tagsOf(mg))} does not contain the default denylisted ops: ${pySet(denylist)}`,
  ];
  for (const [key, sig] of Object.entries(mg.signatureDef ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const outputs = Object.values(sig.outputs ?? {}).map((t) => t.name ?? '').filter((n) => n);
    const inputs = Object.values(sig.inputs ?? {}).map((t) => t.name ?? '').filter((n) => n);
    const uses = unsafeOpsReachable(graph, outputs, inputs);
    if (uses.length === 0) {
      lines.push(`  signature_def[${pyStr(key)}] runs no op that reaches outside the model.`);
    } else {
      lines.push(`  signature_def[${pyStr(key)}] would run ${uses.length} op(s) that reach outside the model:`);
      for (const u of uses) lines.push(`    ${u.op} (node ${pyStr(u.node)} in ${u.where}): ${u.reason}`);
    }
  }
  return lines;
}

/** Runs `scan` with its flags and returns the text to print. */
export async function runScan(argv: readonly string[]): Promise<string> {
  const flags = parseFlags('scan', argv, { values: ['dir', 'tag_set', 'op_denylist'], switches: [] });
  const dir = flags.values.get('dir');
  if (!dir) throw new SavedModelError('INVALID_ARGUMENT', `scan: --dir is required (${SCAN_USAGE})`);
  const denylistFlag = flags.values.get('op_denylist');
  const denylist = denylistFlag === undefined ? TF_SCAN_DENYLIST : denylistFlag.split(',').map((s) => s.trim()).filter((s) => s);
  const unknown = denylist.filter((op) => !/^[A-Za-z][A-Za-z0-9_>]*$/.test(op));
  if (unknown.length > 0) throw new SavedModelError('INVALID_ARGUMENT', `scan: --op_denylist expects comma-separated op names, got ${unknown.map(pyStr).join(', ')}`);
  const savedModel = await readSavedModel(dir);
  const tagSet = flags.values.get('tag_set');
  const metaGraphs = tagSet === undefined ? savedModel.metaGraphs : [findMetaGraph(savedModel.metaGraphs, tagSet)];
  return metaGraphs.flatMap((mg) => scanLines(mg, denylist)).map((l) => l + '\n').join('');
}

/** The ops `scan` reports per signature (for help text). */
export const SCAN_REPORTED_OPS = Object.keys(UNSAFE_OPS).sort();
