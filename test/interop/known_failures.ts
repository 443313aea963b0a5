/**
 * Golden cases known to fail today, each with its reason. They run as `test.failing`: the suite
 * stays green while they fail, and turns red the moment one passes — then delete its entry here
 * (kernel work landing, typically). Keys match `<version>/<model> <test name>`; a model-wide
 * entry uses a pattern.
 */

/** A known failure: which cases and why. */
interface KnownFailure {
  readonly cases: RegExp;
  readonly reason: string;
}

const ANY_VERSION = '(2\\.15\\.1|2\\.21\\.0)';
const model = (name: string, tests = '.*'): RegExp => new RegExp(`^${ANY_VERSION}/${name} ${tests}$`);

const KNOWN: readonly KnownFailure[] = [
  // The dtype table itself (docs: src/runtime/dtypes.ts): tfjs computes in float32 and int32, so
  // these stored values cannot be held exactly.
  { cases: model('variables_dtypes', 'object graph value v_(float64|complex128)'), reason: 'float64 / complex128 values are rounded to float32' },
  { cases: model('variables_dtypes', 'object graph value v_(int64|uint32|uint64)'), reason: 'values outside int32 (OUT_OF_RANGE by the dtype table)' },
];

/** The reason case `<version>/<model> <test name>` is known to fail, or undefined. */
export function knownFailure(modelLabel: string, testName: string): string | undefined {
  const key = `${modelLabel} ${testName}`;
  return KNOWN.find((k) => k.cases.test(key))?.reason;
}
