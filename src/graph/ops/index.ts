/**
 * The op definition registry: every family table, parsed on first use. To add a family, write
 * src/graph/ops/<family>.ts exporting an `OpSpecTable` and list it here.
 */
import { SavedModelError } from '../../errors.js';
import { parseOpSpec, type OpDef, type OpSpecTable } from '../opdef.js';
import { arithmeticOps } from './arithmetic.js';
// array-side families (kernels-array helper)
import { slicingOps } from './slicing.js';
import { transformOps } from './transform.js';
import { graphOps } from './graph.js';
import { creationOps } from './creation.js';
import { dynamicOps } from './dynamic.js';
import { convOps } from './conv.js';
import { imageOps } from './image.js';
import { sparseOps } from './sparse.js';
import { textOps } from './text.js';
import { raggedOps } from './ragged.js';
import { tfdfOps } from './tfdf.js';
// core families
import { arrayOps } from './array.js';
import { basicMathOps } from './basic_math.js';
import { controlOps } from './control.js';
import { evaluationOps } from './evaluation.js';
import { logicalOps } from './logical.js';
import { mathOps } from './math.js';
import { matricesOps } from './matrices.js';
import { nnOps } from './nn.js';
import { normalizationOps } from './normalization.js';
import { reductionOps } from './reduction.js';
import { resourceOps } from './resource.js';
import { spectralOps } from './spectral.js';
import { listOps } from './lists.js';
import { tableOps } from './tables.js';
import { tensorArrayOps } from './tensor_array.js';
import { randomOps } from './random.js';
import { saverOps } from './saver.js';
import { parsingOps } from './parsing.js';
import { stringOps } from './string.js';

const FAMILIES: Readonly<Record<string, OpSpecTable>> = {
  tfdf: tfdfOps,
  ragged: raggedOps,
  text: textOps,
  sparse: sparseOps,
  image: imageOps,
  conv: convOps,
  dynamic: dynamicOps,
  creation: creationOps,
  graph: graphOps,
  transform: transformOps,
  slicing: slicingOps,
  array: arrayOps,
  math: mathOps,
  nn: nnOps,
  control: controlOps,
  resource: resourceOps,
  lists: listOps,
  tables: tableOps,
  tensor_array: tensorArrayOps,
  random: randomOps,
  saver: saverOps,
  parsing: parsingOps,
  string: stringOps,
  arithmetic: arithmeticOps,
  basic_math: basicMathOps,
  logical: logicalOps,
  reduction: reductionOps,
  normalization: normalizationOps,
  matrices: matricesOps,
  evaluation: evaluationOps,
  spectral: spectralOps,
};

let specs: Map<string, { family: string; table: OpSpecTable }> | undefined;
const parsed = new Map<string, OpDef>();

function index(): Map<string, { family: string; table: OpSpecTable }> {
  if (specs) return specs;
  specs = new Map();
  for (const family of Object.keys(FAMILIES)) {
    for (const op of Object.keys(FAMILIES[family])) {
      const prev = specs.get(op);
      if (prev) throw new SavedModelError('INTERNAL', `op ${op} is defined in both ${prev.family} and ${family}`);
      specs.set(op, { family, table: FAMILIES[family] });
    }
  }
  return specs;
}

/** The definition of a TF op, or `undefined` when we have none. */
export function getOpDef(op: string): OpDef | undefined {
  let def = parsed.get(op);
  if (def) return def;
  const entry = index().get(op);
  if (!entry) return undefined;
  def = parseOpSpec(op, entry.table[op]);
  parsed.set(op, def);
  return def;
}

/** Names of all defined ops, sorted. */
export function definedOps(): string[] {
  return [...index().keys()].sort();
}

/** The family an op is defined in (`math`, `nn` …). */
export function opFamily(op: string): string | undefined {
  return index().get(op)?.family;
}
