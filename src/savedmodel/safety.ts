/**
 * Ops a SavedModel could use to reach outside itself (files, processes, Python). The loader
 * refuses a signature that would run one unless the caller opts in; `saved-model-cli scan`
 * reports them (the walks are in op_check.ts).
 */

/** Op name → what it does that a model from elsewhere should not do unasked. */
export const UNSAFE_OPS: Readonly<Record<string, string>> = Object.freeze({
  ReadFile: 'reads a file',
  WriteFile: 'writes a file',
  MatchingFiles: 'lists files',
  ImmutableConst: 'maps a file into memory',
  Save: 'writes a checkpoint',
  SaveSlices: 'writes a checkpoint',
  SaveV2: 'writes a checkpoint',
  Restore: 'reads a checkpoint',
  RestoreSlice: 'reads a checkpoint',
  RestoreV2: 'reads a checkpoint',
  MergeV2Checkpoints: 'writes and deletes checkpoint files',
  WholeFileReader: 'reads files',
  WholeFileReaderV2: 'reads files',
  TextLineReader: 'reads files',
  TextLineReaderV2: 'reads files',
  FixedLengthRecordReader: 'reads files',
  FixedLengthRecordReaderV2: 'reads files',
  TFRecordReader: 'reads files',
  TFRecordReaderV2: 'reads files',
  TextLineDataset: 'reads files',
  TFRecordDataset: 'reads files',
  FixedLengthRecordDataset: 'reads files',
  FixedLengthRecordDatasetV2: 'reads files',
  MatchingFilesDataset: 'lists files',
  SaveDataset: 'writes files',
  SaveDatasetV2: 'writes files',
  LoadDataset: 'reads files',
  SnapshotDataset: 'reads and writes files',
  SnapshotDatasetV2: 'reads and writes files',
  DatasetToTFRecord: 'writes files',
  CreateSummaryFileWriter: 'writes files',
  PrintV2: 'writes to standard error or a file',
  Print: 'writes to standard error',
  PyFunc: 'runs Python code',
  PyFuncStateless: 'runs Python code',
  EagerPyFunc: 'runs Python code',
});

/** The ops TensorFlow's `saved_model_cli scan` checks by default. */
export const TF_SCAN_DENYLIST: readonly string[] = ['PrintV2', 'ReadFile', 'WriteFile'];

/** An unsafe op found in a graph, with where. */
export interface UnsafeOpUse {
  op: string;
  node: string;
  /** `graph` or `function 'name'`. */
  where: string;
  reason: string;
}
