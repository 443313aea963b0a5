/**
 * Coverage of the math-side categories of tfjs-converter's op list
 * (../shared/reference/tfjs-converter-ops.tsv): every op is executed, and every op the math
 * families own has TensorFlow-computed golden cases.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { supportedOps } from '../../src/runtime/registry.js';
import { loadGoldens } from './goldens.js';

const TSV = join(__dirname, '..', '..', '..', 'shared', 'reference', 'tfjs-converter-ops.tsv');
const CATEGORIES = ['arithmetic', 'basic_math', 'logical', 'reduction', 'normalization', 'matrices', 'evaluation', 'spectral'];
const GOLDEN_FILES = ['arithmetic', 'basic_math', 'logical', 'reduction', 'normalization', 'matrices', 'evaluation', 'spectral'];
/** Ops of these categories implemented and tested with the core runtime (src/runtime/kernels/math.ts, nn.ts, array.ts). */
const CORE_RUNTIME = new Set([
  'Add', 'AddV2', 'Sub', 'Mul', 'RealDiv', 'Neg', 'MatMul', 'BatchMatMulV2', 'Einsum', 'Softmax', 'Erf', 'Relu', 'Relu6',
  'Sigmoid', 'Tanh', 'FusedBatchNormV3', 'Mean', 'Rsqrt', 'SquaredDifference', 'Select', 'SelectV2', 'Transpose',
  'TopKV2', 'BiasAdd',
]);

function mathOps(): string[] {
  return readFileSync(TSV, 'utf8').split('\n').map((l) => l.trim().split('\t'))
    .filter((f) => f.length === 2 && CATEGORIES.includes(f[0])).map((f) => f[1]);
}

(existsSync(TSV) ? describe : describe.skip)(`math op coverage (${existsSync(TSV) ? TSV : `skipped: ${TSV} is absent`})`, () => {
  test('the reference list has the expected math categories', () => {
    expect(mathOps().length).toBeGreaterThan(100);
  });

  test('supportedOps() runs every arithmetic, basic_math, logical, reduction, normalization, matrices, evaluation and spectral op', () => {
    const supported = new Set(supportedOps());
    expect(mathOps().filter((op) => !supported.has(op))).toEqual([]);
  });

  test('every op not owned by the core runtime has golden cases computed by TensorFlow', () => {
    const covered = new Set(GOLDEN_FILES.flatMap((f) => loadGoldens(f).cases.map((c) => c.op)));
    expect(mathOps().filter((op) => !CORE_RUNTIME.has(op) && !covered.has(op))).toEqual([]);
  });
});
