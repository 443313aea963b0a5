/** TensorBundle checkpoints: reader, writer, host tensors, dtypes (the layer's public surface). */
export { BundleReader } from './bundle_reader.js';
export type { BundleReaderOptions } from './bundle_reader.js';
export { BundleWriter } from './bundle_writer.js';
export type { BundleWriterOptions } from './bundle_writer.js';
export type { BundleEntry, BundleHeader } from './bundle_entry.js';
export { listVariables } from './list_variables.js';
export type { CheckpointVariable } from './list_variables.js';
export type { HostTensor, TensorData } from './host_tensor.js';
export { numElements, checkHostTensor } from './host_tensor.js';
export type { DType, DTypeInfo, NumericArray } from './dtypes.js';
export { DTYPES, dtypeInfo, dtypeFromEnum, dtypeToEnum, isDType } from './dtypes.js';
export type { SliceExtent } from './tensor_slice.js';
export { dataFilename, indexFilename } from './naming.js';
export { readCheckpointState, writeCheckpointState, parseCheckpointState, formatCheckpointState, latestCheckpoint } from './checkpoint_state.js';
export type { CheckpointState, CheckpointStateOptions } from './checkpoint_state.js';
export { TensorSliceReader } from './tensor_slice_reader.js';
export { hostTensorFromProto } from './tensor_proto.js';
