/**
 * `saved-model-cli show`: tag-sets, signature keys, signature inputs/outputs and (with --all)
 * everything, in the output format of TensorFlow's saved_model_cli.
 */
import { SavedModelError, readSavedModel, type tensorflow } from '../index.js';
import { functionNameOf } from '../proto/lazy_message.js';
import { parseFlags } from './args.js';
import { concreteFunctionLines } from './functions.js';
import { dtypeEnumName, pyStr } from './pyrepr.js';

type MetaGraph = tensorflow.MetaGraphDef.$Properties;
type TensorInfo = tensorflow.TensorInfo.$Properties;

/** Usage text of the show command. */
export const SHOW_USAGE =
  'usage: saved-model-cli show --dir DIR [--all | --tag_set TAGS [--signature_def KEY] [--list_ops]]';

/** Runs `show` with its flags and returns the text to print. */
export async function runShow(argv: readonly string[]): Promise<string> {
  const flags = parseFlags('show', argv, { values: ['dir', 'tag_set', 'signature_def'], switches: ['all', 'list_ops'] });
  const dir = flags.values.get('dir');
  if (!dir) throw new SavedModelError('INVALID_ARGUMENT', `show: --dir is required (${SHOW_USAGE})`);
  const savedModel = await readSavedModel(dir);
  const metaGraphs = savedModel.metaGraphs;
  const lines: string[] = [];
  const tagSet = flags.values.get('tag_set');
  if (flags.switches.has('all')) {
    lines.push(...allLines(metaGraphs));
  } else if (tagSet === undefined) {
    if (flags.switches.has('list_ops')) lines.push('--list_ops must be paired with a tag-set or with --all.');
    lines.push(...tagSetLines(metaGraphs));
  } else {
    const mg = findMetaGraph(metaGraphs, tagSet);
    if (flags.switches.has('list_ops')) lines.push(opsLine(mg));
    const key = flags.values.get('signature_def');
    lines.push(...(key === undefined ? signatureKeyLines(mg) : inputOutputLines(mg, key, 0)));
  }
  return lines.map((l) => l + '\n').join('');
}

function tagSetLines(metaGraphs: readonly MetaGraph[]): string[] {
  const sets = new Set(metaGraphs.map((mg) => [...tagsOf(mg)].sort(compare).join(', ')));
  return ['The given SavedModel contains the following tag-sets:', ...[...sets].sort(compare).map(pyStr)];
}

/** The meta graph whose tags equal the comma-separated `tagSet` (as a set). */
export function findMetaGraph(metaGraphs: readonly MetaGraph[], tagSet: string): MetaGraph {
  const wanted = new Set(tagSet.split(',').map((t) => t.trim()).filter((t) => t.length > 0));
  if (wanted.size === 0) throw new SavedModelError('INVALID_ARGUMENT', 'tag_set must contain at least one non-empty item.');
  const found = metaGraphs.find((mg) => {
    const tags = new Set(tagsOf(mg));
    return tags.size === wanted.size && [...wanted].every((t) => tags.has(t));
  });
  if (!found) {
    const available = metaGraphs.map((mg) => pyStr(tagsOf(mg).join(','))).join(', ');
    throw new SavedModelError(
      'NOT_FOUND',
      `MetaGraphDef associated with tag-set ${tagSet} could not be found in the SavedModel. Please use one of the following tag-sets: ${available}`,
    );
  }
  return found;
}

function signatureKeyLines(mg: MetaGraph): string[] {
  const keys = Object.keys(mg.signatureDef ?? {}).sort(compare);
  return [
    'The given SavedModel MetaGraphDef contains SignatureDefs with the following keys:',
    ...keys.map((k) => `SignatureDef key: "${k}"`),
  ];
}

function inputOutputLines(mg: MetaGraph, key: string, indent: number): string[] {
  const signature = mg.signatureDef?.[key];
  if (!signature) {
    const keys = Object.keys(mg.signatureDef ?? {}).join(', ');
    throw new SavedModelError('NOT_FOUND', `Could not find signature "${key}". Please choose from: ${keys}`);
  }
  const pad = '  '.repeat(indent);
  const lines = [`${pad}The given SavedModel SignatureDef contains the following input(s):`];
  for (const [name, info] of sortedEntries(signature.inputs)) {
    lines.push(`${pad}  inputs['${name}'] tensor_info:`, ...tensorInfoLines(info, indent + 1));
  }
  lines.push(`${pad}The given SavedModel SignatureDef contains the following output(s):`);
  for (const [name, info] of sortedEntries(signature.outputs)) {
    lines.push(`${pad}  outputs['${name}'] tensor_info:`, ...tensorInfoLines(info, indent + 1));
  }
  lines.push(`${pad}Method name is: ${signature.methodName ?? ''}`);
  return lines;
}

function tensorInfoLines(info: TensorInfo, indent: number): string[] {
  const pad = '  '.repeat(indent) + '    ';
  const shape = info.tensorShape;
  const shapeText = shape?.unknownRank
    ? 'unknown_rank'
    : `(${(shape?.dim ?? []).map((d) => String(d.size ?? 0)).join(', ')})`;
  return [`${pad}dtype: ${dtypeEnumName(info.dtype)}`, `${pad}shape: ${shapeText}`, `${pad}name: ${info.name ?? ''}`];
}

function allLines(metaGraphs: readonly MetaGraph[]): string[] {
  const lines: string[] = [];
  const ordered = [...metaGraphs].sort((a, b) => compareLists(tagsOf(a), tagsOf(b)));
  for (const mg of ordered) {
    lines.push('', `MetaGraphDef with tag-set: '${tagsOf(mg).join(', ')}' contains the following SignatureDefs:`);
    for (const key of Object.keys(mg.signatureDef ?? {}).sort(compare)) {
      lines.push('', `signature_def['${key}']:`, ...inputOutputLines(mg, key, 1));
    }
    lines.push(opsLine(mg));
  }
  return [...lines, ...concreteFunctionLines(metaGraphs)];
}

/** The ops a meta graph uses: graph nodes plus the bodies of the functions they call. */
function opsLine(mg: MetaGraph): string {
  const tags = `[${tagsOf(mg).map(pyStr).join(', ')}]`;
  const ops = [...opsUsed(mg.graphDef)].sort(compare).map(pyStr);
  return `The MetaGraph with tag set ${tags} contains the following ops: ${ops.length ? `{${ops.join(', ')}}` : 'set()'}`;
}

function opsUsed(graph: tensorflow.GraphDef.$Properties | null | undefined): Set<string> {
  const functions = new Map((graph?.library?.function ?? []).map((f) => [functionNameOf(f) ?? '', f]));
  const used = new Set<string>();
  const pending: tensorflow.FunctionDef.$Properties[] = [];
  const mark = (op: string) => {
    if (!used.has(op) && functions.has(op)) pending.push(functions.get(op)!);
    used.add(op);
  };
  const visit = (node: tensorflow.NodeDef.$Properties) => {
    mark(node.op ?? '');
    if (node.op === 'PartitionedCall' || node.op === 'StatefulPartitionedCall') mark(node.attr?.f?.func?.name ?? '');
  };
  (graph?.node ?? []).forEach(visit);
  while (pending.length > 0) (pending.pop()!.nodeDef ?? []).forEach(visit);
  return new Set([...used].filter((op) => !functions.has(op)));
}

export function tagsOf(mg: MetaGraph): string[] {
  return mg.metaInfoDef?.tags ?? [];
}

function sortedEntries<T>(map: Record<string, T> | null | undefined): [string, T][] {
  return Object.entries(map ?? {}).sort(([a], [b]) => compare(a, b));
}

function compareLists(a: readonly string[], b: readonly string[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const c = compare(a[i], b[i]);
    if (c !== 0) return c;
  }
  return a.length - b.length;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
