/**
 * The seam between the reader and the protobuf text-format codec: saved_model.pbtxt is parsed
 * here. Until the codec exists this refuses with UNIMPLEMENTED.
 */
import { SavedModelError } from '../errors.js';
import type { tensorflow } from '../proto/index.js';

/** Parses the text of a saved_model.pbtxt file into a SavedModel message. */
export function parseSavedModelText(_text: string, path: string): tensorflow.SavedModel {
  throw new SavedModelError(
    'UNIMPLEMENTED',
    `${path}: reading text-format SavedModels (saved_model.pbtxt) is not supported yet; expected saved_model.pb`,
  );
}
