/** TensorFlow's protobuf messages, generated from proto/*.proto (see scripts/gen-proto.mjs). */
export { tensorflow } from './gen/tensorflow.js';
