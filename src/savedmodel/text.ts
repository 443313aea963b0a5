/**
 * The seam between the reader and the protobuf text-format codec: saved_model.pbtxt is parsed here.
 */
import { SavedModelError, isSavedModelError } from '../errors.js';
import type { tensorflow } from '../proto/index.js';
import { parseTextProto } from '../textformat/index.js';

/** Parses the text of a saved_model.pbtxt file into a SavedModel message. */
export function parseSavedModelText(text: string, path: string): tensorflow.SavedModel {
  try {
    return parseTextProto<tensorflow.SavedModel>('tensorflow.SavedModel', text);
  } catch (e) {
    if (isSavedModelError(e)) throw new SavedModelError(e.code, `${path}: ${e.message}`, { cause: e });
    throw e;
  }
}
