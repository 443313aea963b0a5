/**
 * `MethodNameUpdater` (tf.compat.v1.saved_model.signature_def_utils.MethodNameUpdater): changes
 * the `method_name` of signatures of an existing SavedModel — typically to turn a TF2 export's
 * predict signatures into classify/regress ones for TensorFlow Serving — and rewrites the
 * SavedModel file in place (atomically), in the format it was read from.
 */
import { SavedModelError } from '../errors.js';
import { joinPath, resolveFileSystem, type FileSystem } from '../io/index.js';
import { tensorflow } from '../proto/index.js';
import { SAVED_MODEL_FILENAME_PB, SAVED_MODEL_FILENAME_PBTXT } from '../savedmodel/constants.js';
import { readSavedModel } from '../savedmodel/reader.js';
import { printTextProto, TF_TEXT_STYLES } from '../textformat/index.js';
import { encodeSavedModel } from './encode.js';

/** Options of MethodNameUpdater. */
export interface MethodNameUpdaterOptions {
  fs?: FileSystem;
}

/** Rewrites signature method names of the SavedModel in `exportDir`. */
export class MethodNameUpdater {
  private savedModel: tensorflow.SavedModel | undefined;
  private asText = false;
  private readonly pending: Array<{ signatureKey: string; methodName: string; tags?: string[] }> = [];

  constructor(readonly exportDir: string, private readonly opts: MethodNameUpdaterOptions = {}) {}

  /**
   * Sets the method name of signature `signatureKey`: in the meta graph whose tag set equals
   * `tags`, or in every meta graph when `tags` is omitted. The change is checked and applied by
   * `save()` (INVALID_ARGUMENT when no meta graph matches or one lacks the signature).
   */
  replaceMethodName(signatureKey: string, methodName: string, tags?: string | string[]): this {
    if (!signatureKey) throw new SavedModelError('INVALID_ARGUMENT', '`signature_key` must be defined.');
    if (!methodName) throw new SavedModelError('INVALID_ARGUMENT', '`method_name` must be defined.');
    this.pending.push({ signatureKey, methodName, tags: tags === undefined ? undefined : Array.isArray(tags) ? tags : [tags] });
    return this;
  }

  private async load(fs: FileSystem): Promise<tensorflow.SavedModel> {
    if (!this.savedModel) {
      this.savedModel = await readSavedModel(this.exportDir, { fs });
      this.asText = !(await fs.exists(joinPath(this.exportDir, SAVED_MODEL_FILENAME_PB)));
    }
    return this.savedModel;
  }

  private apply(sm: tensorflow.SavedModel, change: { signatureKey: string; methodName: string; tags?: string[] }): void {
    const { signatureKey, methodName, tags } = change;
    let found = false;
    for (const mg of sm.metaGraphs ?? []) {
      const have = mg.metaInfoDef?.tags ?? [];
      if (tags && !sameSet(tags, have)) continue;
      const sig = mg.signatureDef?.[signatureKey];
      if (!sig) {
        const keys = Object.keys(mg.signatureDef ?? {});
        throw new SavedModelError(
          'INVALID_ARGUMENT',
          `MetaGraphDef associated with tags [${have.join(', ')}] does not have a signature_def with key: '${signatureKey}' (it has: ${keys.length ? keys.join(', ') : 'none'}).`,
        );
      }
      sig.methodName = methodName;
      found = true;
    }
    if (!found) {
      const sets = (sm.metaGraphs ?? []).map((m) => `[${(m.metaInfoDef?.tags ?? []).join(', ')}]`);
      throw new SavedModelError(
        'INVALID_ARGUMENT',
        `MetaGraphDef associated with tags [${tags?.join(', ')}] could not be found in SavedModel ${this.exportDir} (tag sets: ${sets.join(' ')}).`,
      );
    }
  }

  /**
   * Applies the replacements and writes the SavedModel file: in place (atomic replace of
   * saved_model.pb, or saved_model.pbtxt when that is what the model has), or into
   * `newExportDir` (only the SavedModel file is written there, as TensorFlow does).
   * Returns the path written.
   */
  async save(newExportDir?: string): Promise<string> {
    const fs = await resolveFileSystem(this.opts.fs, this.exportDir);
    const sm = await this.load(fs);
    for (const change of this.pending.splice(0)) this.apply(sm, change);
    const dir = newExportDir || this.exportDir;
    await fs.mkdir(dir);
    if (this.asText) {
      const path = joinPath(dir, SAVED_MODEL_FILENAME_PBTXT);
      await fs.writeFile(path, printTextProto('tensorflow.SavedModel', sm, TF_TEXT_STYLES.savedModelPbtxt));
      return path;
    }
    const path = joinPath(dir, SAVED_MODEL_FILENAME_PB);
    await fs.writeFile(path, encodeSavedModel(sm));
    return path;
  }
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const sa = new Set(a);
  const sb = new Set(b);
  return sa.size === sb.size && [...sa].every((x) => sb.has(x));
}
