/**
 * Reading a SavedModel directory's protobuf files: saved_model.pb (or .pbtxt) and fingerprint.pb.
 */
import { SavedModelError } from '../errors.js';
import { joinPath, resolveFileSystem, type FileSystem } from '../io/index.js';
import { tensorflow } from '../proto/index.js';
import {
  FINGERPRINT_FILENAME,
  SAVED_MODEL_FILENAME_PB,
  SAVED_MODEL_FILENAME_PBTXT,
} from './constants.js';
import { MAX_PROTO_BYTES, decodeMessage, readBoundedFile, unknownFieldNumbers } from './decode.js';
import { parseSavedModelText } from './text.js';

/** Chunked SavedModel file written by TF 2.15+ for models over 2 GiB. */
const SAVED_MODEL_FILENAME_CPB = 'saved_model.cpb';

/** Options of readSavedModel and readFingerprint. */
export interface ReadSavedModelOptions {
  /** Where the files are read from; Node's file system by default. */
  fs?: FileSystem;
  /** Largest file accepted, in bytes (default and maximum: protobuf's 2 GiB - 1). */
  maxBytes?: number;
}

/**
 * Reads the SavedModel protobuf of `exportDir` (saved_model.pb, else saved_model.pbtxt) as
 * TensorFlow wrote it. Fails with SavedModelError: NOT_FOUND (no directory, no file),
 * DATA_LOSS (truncated or malformed protobuf, or no meta graph), INVALID_ARGUMENT (malformed pbtxt, with line:column), UNIMPLEMENTED (cpb).
 */
export async function readSavedModel(exportDir: string, opts: ReadSavedModelOptions = {}): Promise<tensorflow.SavedModel> {
  const fs = await resolveFileSystem(opts.fs, exportDir);
  await requireDirectory(fs, exportDir);
  const maxBytes = Math.min(opts.maxBytes ?? MAX_PROTO_BYTES, MAX_PROTO_BYTES);

  const pbPath = joinPath(exportDir, SAVED_MODEL_FILENAME_PB);
  if (await fs.exists(pbPath)) {
    return decodeSavedModel(await readBoundedFile(fs, pbPath, maxBytes, 'a SavedModel'), pbPath);
  }
  const pbtxtPath = joinPath(exportDir, SAVED_MODEL_FILENAME_PBTXT);
  if (await fs.exists(pbtxtPath)) {
    const bytes = await readBoundedFile(fs, pbtxtPath, maxBytes, 'a text SavedModel');
    return checkSavedModel(parseSavedModelText(decodeUtf8(bytes, pbtxtPath), pbtxtPath), pbtxtPath);
  }
  if (await fs.exists(joinPath(exportDir, SAVED_MODEL_FILENAME_CPB))) {
    throw new SavedModelError(
      'UNIMPLEMENTED',
      `${exportDir}: only a chunked ${SAVED_MODEL_FILENAME_CPB} is present (models over 2 GiB); reading it is not supported`,
    );
  }
  throw new SavedModelError(
    'NOT_FOUND',
    `SavedModel file does not exist at: ${exportDir}/{${SAVED_MODEL_FILENAME_PBTXT}|${SAVED_MODEL_FILENAME_PB}}`,
  );
}

/**
 * Decodes the bytes of a saved_model.pb (`path` is only used in error messages) and checks that
 * the result is a plausible SavedModel.
 */
export function decodeSavedModel(bytes: Uint8Array, path = SAVED_MODEL_FILENAME_PB): tensorflow.SavedModel {
  return checkSavedModel(decodeMessage(tensorflow.SavedModel, 'tensorflow.SavedModel', bytes, path), path);
}

/**
 * Reads `exportDir`/fingerprint.pb (written by TF 2.12 and later). NOT_FOUND when the model has
 * none, DATA_LOSS when it does not decode.
 */
export async function readFingerprint(exportDir: string, opts: ReadSavedModelOptions = {}): Promise<tensorflow.FingerprintDef> {
  const fs = await resolveFileSystem(opts.fs, exportDir);
  await requireDirectory(fs, exportDir);
  const path = joinPath(exportDir, FINGERPRINT_FILENAME);
  if (!(await fs.exists(path))) {
    throw new SavedModelError('NOT_FOUND', `${path}: no ${FINGERPRINT_FILENAME} (TensorFlow writes it from 2.12 on)`);
  }
  // A fingerprint is a handful of integers; anything large is not one.
  const bytes = await readBoundedFile(fs, path, Math.min(opts.maxBytes ?? 1 << 20, MAX_PROTO_BYTES), 'a fingerprint');
  return decodeMessage(tensorflow.FingerprintDef, 'tensorflow.FingerprintDef', bytes, path);
}

async function requireDirectory(fs: FileSystem, dir: string): Promise<void> {
  if (fs.directoriesVisible === false) return;
  if (!(await fs.exists(dir))) {
    throw new SavedModelError('NOT_FOUND', `SavedModel directory does not exist: ${dir}`);
  }
  if (!(await fs.isDirectory(dir))) {
    throw new SavedModelError('INVALID_ARGUMENT', `${dir}: expected a SavedModel directory, found a file`);
  }
}

function checkSavedModel(sm: tensorflow.SavedModel, path: string): tensorflow.SavedModel {
  const unknown = unknownFieldNumbers(sm);
  if (unknown.length > 0) {
    throw new SavedModelError(
      'DATA_LOSS',
      `${path}: not a SavedModel: it holds field number(s) ${[...new Set(unknown)].join(', ')}, a SavedModel has only 1 (schema version) and 2 (meta graphs)`,
    );
  }
  if (sm.metaGraphs.length === 0) {
    throw new SavedModelError('DATA_LOSS', `${path}: not a SavedModel: it holds no meta graph (expected at least one MetaGraphDef)`);
  }
  return sm;
}

function decodeUtf8(bytes: Uint8Array, path: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch (e) {
    throw new SavedModelError('DATA_LOSS', `${path}: expected UTF-8 protobuf text, found invalid UTF-8`, { cause: e });
  }
}
