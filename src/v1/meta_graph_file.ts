/**
 * MetaGraphDef files (`export_meta_graph` / `import_meta_graph`): binary (`.meta`) or protobuf
 * text (`.pbtxt`, the guide's `multiply.pb`). Reading tries the binary form first and falls back
 * to text, as TensorFlow's `read_meta_graph_file` does; writing is atomic.
 */
import { SavedModelError, isSavedModelError } from '../errors.js';
import { dirname, resolveFileSystem, type FileSystem } from '../io/index.js';
import { tensorflow } from '../proto/index.js';
import { MAX_PROTO_BYTES, decodeMessage, readBoundedFile } from '../savedmodel/decode.js';
import { parseTextProto, printTextProto, TF_TEXT_STYLES } from '../textformat/index.js';
import { encodeMetaGraph } from './encode.js';

/** Options of the meta graph file helpers. */
export interface MetaGraphFileOptions {
  fs?: FileSystem;
}

function decodeBinary(bytes: Uint8Array, path: string): tensorflow.MetaGraphDef | null {
  try {
    const mg = decodeMessage(tensorflow.MetaGraphDef, 'tensorflow.MetaGraphDef', bytes, path);
    // A text file can decode as garbage fields; a real meta graph has a graph or meta info.
    return mg.graphDef || mg.metaInfoDef ? mg : null;
  } catch {
    return null;
  }
}

/** Reads a MetaGraphDef file (binary or text). NOT_FOUND when missing, INVALID_ARGUMENT when neither form parses. */
export async function readMetaGraphFile(path: string, opts: MetaGraphFileOptions = {}): Promise<tensorflow.MetaGraphDef> {
  const fs = await resolveFileSystem(opts.fs, path);
  if (!(await fs.exists(path))) throw new SavedModelError('NOT_FOUND', `File ${path} does not exist.`);
  const bytes = await readBoundedFile(fs, path, MAX_PROTO_BYTES, 'a MetaGraphDef');
  const binary = decodeBinary(bytes, path);
  if (binary) return binary;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new SavedModelError('INVALID_ARGUMENT', `Cannot parse file ${path}: not a binary MetaGraphDef, and not UTF-8 text either`);
  }
  try {
    return parseTextProto<tensorflow.MetaGraphDef>('tensorflow.MetaGraphDef', text);
  } catch (e) {
    if (isSavedModelError(e)) throw new SavedModelError('INVALID_ARGUMENT', `Cannot parse file ${path}: ${e.message}`, { cause: e });
    throw e;
  }
}

/** The bytes of a meta graph file: TF's deterministic binary form, or text as `export_meta_graph(as_text=True)` writes it. */
export function serializeMetaGraph(mg: tensorflow.MetaGraphDef.$Properties, asText = false): Uint8Array | string {
  return asText ? printTextProto('tensorflow.MetaGraphDef', mg, TF_TEXT_STYLES.writeGraph) : encodeMetaGraph(mg);
}

/** Writes a MetaGraphDef file atomically (binary, or text with `asText`), creating its folder. */
export async function writeMetaGraphFile(path: string, mg: tensorflow.MetaGraphDef.$Properties, opts: MetaGraphFileOptions & { asText?: boolean } = {}): Promise<void> {
  const fs = await resolveFileSystem(opts.fs, path);
  const dir = dirname(path);
  if (dir) await fs.mkdir(dir);
  await fs.writeFile(path, serializeMetaGraph(mg, opts.asText));
}
