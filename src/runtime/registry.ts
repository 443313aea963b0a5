/**
 * The kernel registry: every family's kernel table. To add a family, write
 * src/runtime/kernels/<family>.ts (with its definitions in src/graph/ops/<family>.ts) and list
 * it here. `supportedOps()` is what this runtime executes.
 */
import { SavedModelError } from '../errors.js';
import { getOpDef } from '../graph/ops/index.js';
import type { AsyncKernel, Kernel, KernelTable } from './kernel.js';
import { arithmeticKernels } from './kernels/arithmetic.js';
// array-side families (kernels-array helper)
import { slicingKernels } from './kernels/slicing.js';
import { transformKernels } from './kernels/transform.js';
import { graphKernels } from './kernels/graph.js';
import { creationKernels } from './kernels/creation.js';
import { dynamicKernels } from './kernels/dynamic.js';
import { convKernels } from './kernels/conv.js';
import { imageKernels } from './kernels/image.js';
import { sparseKernels } from './kernels/sparse.js';
import { textKernels } from './kernels/text.js';
import { raggedKernels } from './kernels/ragged.js';
import { tfdfKernels } from './kernels/tfdf.js';
// core families
import { arrayKernels } from './kernels/array.js';
import { basicMathKernels } from './kernels/basic_math.js';
import { controlKernels } from './kernels/control.js';
import { evaluationKernels } from './kernels/evaluation.js';
import { logicalKernels } from './kernels/logical.js';
import { mathKernels } from './kernels/math.js';
import { matricesKernels } from './kernels/matrices.js';
import { nnKernels } from './kernels/nn.js';
import { normalizationKernels } from './kernels/normalization.js';
import { reductionKernels } from './kernels/reduction.js';
import { resourceKernels } from './kernels/resource.js';
import { spectralKernels } from './kernels/spectral.js';
import { listKernels } from './kernels/lists.js';
import { tableKernels } from './kernels/tables.js';
import { tensorArrayKernels } from './kernels/tensor_array.js';
import { randomKernels } from './kernels/random.js';
import { saverKernels } from './kernels/saver.js';
import { parsingKernels } from './kernels/parsing.js';
import { stringKernels } from './kernels/string.js';

const FAMILIES: Readonly<Record<string, KernelTable>> = {
  tfdf: tfdfKernels,
  ragged: raggedKernels,
  text: textKernels,
  sparse: sparseKernels,
  image: imageKernels,
  conv: convKernels,
  dynamic: dynamicKernels,
  creation: creationKernels,
  graph: graphKernels,
  transform: transformKernels,
  slicing: slicingKernels,
  array: arrayKernels,
  math: mathKernels,
  nn: nnKernels,
  control: controlKernels,
  resource: resourceKernels,
  lists: listKernels,
  tables: tableKernels,
  tensor_array: tensorArrayKernels,
  random: randomKernels,
  saver: saverKernels,
  parsing: parsingKernels,
  string: stringKernels,
  arithmetic: arithmeticKernels,
  basic_math: basicMathKernels,
  logical: logicalKernels,
  reduction: reductionKernels,
  normalization: normalizationKernels,
  matrices: matricesKernels,
  evaluation: evaluationKernels,
  spectral: spectralKernels,
};

/** A registered kernel: the sync form, the async form, or both. */
export interface RegisteredKernel {
  readonly op: string;
  readonly family: string;
  readonly sync?: Kernel;
  readonly async?: AsyncKernel;
}

let registry: Map<string, RegisteredKernel> | undefined;

function build(): Map<string, RegisteredKernel> {
  const out = new Map<string, RegisteredKernel>();
  for (const family of Object.keys(FAMILIES)) {
    const table = FAMILIES[family];
    for (const op of Object.keys(table)) {
      if (out.has(op)) throw new SavedModelError('INTERNAL', `kernel ${op} is registered by both ${out.get(op)!.family} and ${family}`);
      if (!getOpDef(op)) throw new SavedModelError('INTERNAL', `kernel ${op} (${family}) has no op definition in src/graph/ops/`);
      const k = table[op];
      out.set(op, typeof k === 'function' ? { op, family, sync: k } : { op, family, sync: k.kernel, async: k.async });
    }
  }
  return out;
}

/** The kernel for a TF op, or `undefined`. */
export function getKernel(op: string): RegisteredKernel | undefined {
  registry ??= build();
  return registry.get(op);
}

/** TF op names the runtime executes, sorted. */
export function supportedOps(): string[] {
  registry ??= build();
  return [...registry.keys()].sort();
}
