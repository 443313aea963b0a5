/**
 * `Asset` (tf.saved_model.Asset): a file that travels with the SavedModel. `saveModel` copies it
 * into `assets/` and records it in the MetaGraphDef's asset_file_def and the object graph, so
 * TensorFlow's loader restores it as an object whose `asset_path` points into the saved model.
 */
import { SavedModelError } from '../errors.js';
import { basename } from '../io/path.js';

/** A file to save alongside the model. */
export class Asset {
  /** Name of the copy in `assets/` (default: the file's base name). */
  readonly filename: string;

  /** @param path the file to copy (read through saveModel's FileSystem) */
  constructor(readonly path: string, filename?: string) {
    this.filename = filename ?? basename(path);
    if (!this.filename || this.filename.includes('/') || this.filename === '.' || this.filename === '..') {
      throw new SavedModelError('INVALID_ARGUMENT', `asset file name '${this.filename}' must be a plain file name`);
    }
  }

  toString(): string {
    return `<Asset ${this.path}>`;
  }
}
