/**
 * The `checkpoint` state file next to TensorFlow checkpoints: a CheckpointState in text format,
 * which TensorFlow writes with Python's `text_format.MessageToString` and reads with
 * `text_format.Merge`. Text helpers only; reading and writing the file belongs to the callers.
 */
import type { tensorflow } from '../proto/index.js';
import type { TextPrintOptions } from './printer.js';
import { parseTextProto, printTextProto } from './tensorflow.js';

/** Name of the checkpoint state file in a checkpoint directory. */
export const CHECKPOINT_STATE_FILENAME = 'checkpoint';

/**
 * Parses the text of a `checkpoint` state file (INVALID_ARGUMENT with line:column when malformed).
 * Paths are returned as written: relative paths are relative to the file's directory.
 */
export function parseCheckpointState(text: string): tensorflow.CheckpointState {
  return parseTextProto<tensorflow.CheckpointState>('tensorflow.CheckpointState', text);
}

/**
 * The text of a `checkpoint` state file, byte for byte as TensorFlow writes it
 * (`text_format.MessageToString`; pass `{ asUtf8: true }` for protobuf 7's unescaped non-ASCII paths).
 */
export function formatCheckpointState(state: tensorflow.ICheckpointState, options: TextPrintOptions = {}): string {
  return printTextProto('tensorflow.CheckpointState', state, { ...options, dialect: 'python' });
}
