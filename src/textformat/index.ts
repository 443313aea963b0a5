/** Protobuf text format: printing and parsing any message by reflection. */
export { parseTextProto, printTextProto, tensorflowTextSchema } from './tensorflow.js';
export { parseText, printText } from './text_format.js';
export { MAX_TEXT_DEPTH, TF_TEXT_STYLES } from './printer.js';
export type { TextDialect, TextPrintOptions } from './printer.js';
export type { TextParseOptions } from './parser.js';
export { TextSchema, classesFromNamespaces } from './schema.js';
export type { ClassLookup, MessageClass, MessageInfo, FieldInfo, EnumInfo, ScalarKind } from './schema.js';
export { CHECKPOINT_STATE_FILENAME, formatCheckpointState, parseCheckpointState } from './checkpoint_state.js';
