/**
 * Dtype names for graphs and op definitions: TF's Python names, from the one table in
 * src/proto/dtypes.ts. `TfDType` is that `DType`.
 */
import { DTYPES, dtypeFromEnum as fromEnum, dtypeToEnum, isRefDtypeEnum, parseDtypeName, type DType } from '../proto/dtypes.js';

export { dtypeToEnum, isRefDtypeEnum, parseDtypeName };

/** TF dtype names as Python spells them (`tf.DType.name`). */
export type TfDType = DType;

/** The Python name of a `DataType` enum number; reference types map to their base type. INVALID_ARGUMENT when unknown. */
export function dtypeFromEnum(n: number): TfDType {
  return fromEnum(n, 'INVALID_ARGUMENT');
}

/** True when `name` names a TF dtype (any accepted spelling). */
export function isDtypeName(name: string): boolean {
  try {
    parseDtypeName(name);
    return true;
  } catch {
    return false;
  }
}

/** All dtype names with their enum numbers, in enum order (for docs and tests). */
export function allDtypes(): ReadonlyArray<readonly [TfDType, number]> {
  return DTYPES.map((name) => [name, dtypeToEnum(name)] as const);
}
