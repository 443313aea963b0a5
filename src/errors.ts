/**
 * The one error type users can meet. Every failure a caller can cause (bad files, wrong names,
 * unsupported ops, hostile paths) surfaces as a `SavedModelError` with a stable `code`.
 */
export type SavedModelErrorCode =
  | 'NOT_FOUND'
  | 'INVALID_ARGUMENT'
  | 'DATA_LOSS'
  | 'UNIMPLEMENTED'
  | 'FAILED_PRECONDITION'
  | 'OUT_OF_RANGE'
  | 'PERMISSION_DENIED'
  | 'RESOURCE_EXHAUSTED'
  | 'INTERNAL';

/** Error raised for every failure a caller can cause; `code` follows TensorFlow's status codes. */
export class SavedModelError extends Error {
  override readonly name = 'SavedModelError';
  readonly code: SavedModelErrorCode;

  constructor(code: SavedModelErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}

/** True when `e` is a SavedModelError (also across module copies). */
export function isSavedModelError(e: unknown): e is SavedModelError {
  return e instanceof SavedModelError || (e instanceof Error && e.name === 'SavedModelError');
}

/** Runs `fn`, turning any non-SavedModelError into one with `code` and a message prefixed by `what`. */
export async function wrapErrors<T>(code: SavedModelErrorCode, what: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (isSavedModelError(e)) throw e;
    throw new SavedModelError(code, `${what}: ${(e as Error)?.message ?? String(e)}`, { cause: e });
  }
}
