/**
 * Text format over any schema: print and parse by message type name. `printTextProto` and
 * `parseTextProto` (index.ts) bind these to TensorFlow's generated protos.
 */
import { parseMessage, type TextParseOptions } from './parser.js';
import { printMessage, type TextPrintOptions } from './printer.js';
import type { TextSchema } from './schema.js';

/** Prints `message` (a `typeName` message object, as the generated classes hold it) as text format. */
export function printText(schema: TextSchema, typeName: string, message: object, options?: TextPrintOptions): string {
  return printMessage(schema, schema.message(typeName), message, options);
}

/** Parses text format into a message object of `typeName`, the same shape the generated `decode` returns. */
export function parseText<T extends object = Record<string, unknown>>(
  schema: TextSchema,
  typeName: string,
  text: string,
  options?: TextParseOptions,
): T {
  return parseMessage(schema, schema.message(typeName), text, options) as T;
}
