/**
 * Op definitions: string splitting, n-grams, hashing, regex rewriting and case mapping (kernels:
 * src/runtime/kernels/text.ts; StringJoin and the saver string ops are in string.ts).
 */
import type { OpSpecTable } from '../opdef.js';

const caseMap = { in: ['input: string'], out: ['output: string'], attrs: ["encoding: string = ''"] };

export const textOps: OpSpecTable = {
  StaticRegexReplace: { in: ['input: string'], out: ['output: string'], attrs: ['pattern: string', 'rewrite: string', 'replace_global: bool = true'] },
  RegexReplace: { in: ['input: string', 'pattern: string', 'rewrite: string'], out: ['output: string'], attrs: ['replace_global: bool = true'] },
  StringSplit: { in: ['input: string', 'delimiter: string'], out: ['indices: int64', 'values: string', 'shape: int64'], attrs: ['skip_empty: bool = true'] },
  StringSplitV2: { in: ['input: string', 'sep: string'], out: ['indices: int64', 'values: string', 'shape: int64'], attrs: ['maxsplit: int = -1'] },
  StringNGrams: {
    in: ['data: string', 'data_splits: Tsplits'], out: ['ngrams: string', 'ngrams_splits: Tsplits'],
    attrs: ['separator: string', 'ngram_widths: list(int)', 'left_pad: string', 'right_pad: string', 'pad_width: int', 'preserve_short_sequences: bool', 'Tsplits: type = int64'],
  },
  StringToHashBucketFast: { in: ['input: string'], out: ['output: int64'], attrs: ['num_buckets: int'] },
  StringLower: caseMap,
  StringUpper: caseMap,
  StringStrip: { in: ['input: string'], out: ['output: string'] },
  StringLength: { in: ['input: string'], out: ['output: int32'], attrs: ["unit: {'BYTE', 'UTF8_CHAR'} = 'BYTE'"] },
  StringFormat: {
    in: ['inputs: T'], out: ['output: string'],
    attrs: ['T: list(type)', "template: string = '%s'", "placeholder: string = '%s'", 'summarize: int = 3'],
  },
  PrintV2: { in: ['input: string'], attrs: ["output_stream: string = 'stderr'", "end: string = '\\n'"], stateful: true },
  AsString: {
    in: ['input: T'], out: ['output: string'],
    attrs: ['precision: int = -1', 'scientific: bool = false', 'shortest: bool = false', 'width: int = -1', "fill: string = ''"],
  },
  Substr: { in: ['input: string', 'pos: T', 'len: T'], out: ['output: string'], attrs: ["unit: {'BYTE', 'UTF8_CHAR'} = 'BYTE'"] },
};
