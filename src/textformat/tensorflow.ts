/**
 * Text format for TensorFlow's protos: `printTextProto` / `parseTextProto` by message type name,
 * over the generated classes (src/proto/gen) and their keep-case descriptor.
 */
import descriptor from '../proto/gen/descriptor.js';
import { google, tensorflow } from '../proto/gen/tensorflow.js';
import type { TextParseOptions } from './parser.js';
import type { TextPrintOptions } from './printer.js';
import { classesFromNamespaces, TextSchema } from './schema.js';
import { parseText, printText } from './text_format.js';

let schema: TextSchema | undefined;

/** The text format schema of TensorFlow's protos (built on first use). */
export function tensorflowTextSchema(): TextSchema {
  schema ??= TextSchema.fromDescriptor(descriptor, classesFromNamespaces({ tensorflow, google }));
  return schema;
}

/**
 * Prints a TensorFlow message as protobuf text format, by its full type name
 * (e.g. `'tensorflow.MetaGraphDef'`). Defaults reproduce Python's
 * `text_format.MessageToString`; see `TF_TEXT_STYLES` for each TensorFlow writer.
 */
export function printTextProto(typeName: string, message: object, options?: TextPrintOptions): string {
  return printText(tensorflowTextSchema(), typeName, message, options);
}

/**
 * Parses protobuf text format into a TensorFlow message of the given full type name: the same
 * object `tensorflow.X.decode` returns for the binary form. Errors are SavedModelError
 * ('INVALID_ARGUMENT') with line:column; an unknown type name is 'NOT_FOUND'.
 */
export function parseTextProto<T extends object = Record<string, unknown>>(
  typeName: string,
  text: string,
  options?: TextParseOptions,
): T {
  return parseText<T>(tensorflowTextSchema(), typeName, text, options);
}
