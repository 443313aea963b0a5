/** Assertions on the SavedModelErrors tests provoke: class, status code, and what the message says. */
import { SavedModelError } from '../../src/errors.js';

function check(e: unknown, code: string, message?: RegExp): SavedModelError {
  expect(e).toBeInstanceOf(SavedModelError);
  const err = e as SavedModelError;
  expect(err.name).toBe('SavedModelError');
  expect(err.code).toBe(code);
  if (message) expect(err.message).toMatch(message);
  return err;
}

/** The error `fn` throws (undefined when it returns). */
function caught(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  return undefined;
}

/** The SavedModelError `fn` throws; any other outcome fails the test. */
export function thrownError(fn: () => unknown): SavedModelError {
  const e = caught(fn);
  expect(e).toBeInstanceOf(SavedModelError);
  return e as SavedModelError;
}

/** Asserts `fn` throws a SavedModelError of `code` whose message matches `message` (when given); returns it. */
export function expectThrows(fn: () => unknown, code: string, message?: RegExp): SavedModelError {
  return check(caught(fn), code, message);
}

/** Asserts `p` rejects with a SavedModelError of `code` whose message matches `message` (when given); returns it. */
export async function expectRejects(p: Promise<unknown>, code: string, message?: RegExp): Promise<SavedModelError> {
  return check(await p.then(() => undefined, (e: unknown) => e), code, message);
}
