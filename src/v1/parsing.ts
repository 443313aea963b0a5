/**
 * `parseExample(serialized, featureSpec)` (tf.compat.v1.io.parse_example) in a v1 graph: one
 * `ParseExampleV2` node in the `ParseExample` scope, dense keys sorted, defaults reshaped to
 * the feature shape (`key_<name>` constants) or an empty constant for required features — the
 * nodes TensorFlow builds. Fixed-length (dense) features only.
 */
import { SavedModelError } from '../errors.js';
import { attr } from '../graph/build.js';
import { addConstant, type ConstValues } from '../graph/constant.js';
import { parseDtypeName, type TfDType } from '../graph/dtypes.js';
import type { GraphBuilder } from '../graph/graph_builder.js';
import type { SymbolicTensor } from '../graph/symbolic.js';
import { ops } from '../trace/index.js';
import { asSymbolic, type GraphTensor } from './graph_tensor.js';

/** `tf.io.FixedLenFeature(shape, dtype, default_value)`. */
export interface FixedLenFeature {
  readonly kind: 'fixedLen';
  readonly shape: readonly number[];
  readonly dtype: 'float32' | 'int64' | 'string';
  /** Missing features take this value (flat, or one value broadcast); absent means required. */
  readonly defaultValue?: number | string | readonly (number | string)[];
}

/** A feature spec: feature name → how to parse it. */
export type FeatureSpec = Readonly<Record<string, FixedLenFeature>>;

/** Builds a FixedLenFeature. */
export function fixedLenFeature(shape: readonly number[], dtype: string, defaultValue?: FixedLenFeature['defaultValue']): FixedLenFeature {
  const dt = parseDtypeName(dtype);
  if (dt !== 'float32' && dt !== 'int64' && dt !== 'string') {
    throw new SavedModelError('INVALID_ARGUMENT', `tf.Example features are float32, int64 or string, not ${dtype}`);
  }
  return { kind: 'fixedLen', shape: [...shape], dtype: dt, defaultValue };
}

function emptyValues(dt: TfDType): ConstValues {
  return dt === 'string' ? [] : new Float32Array(0);
}

/** Records the parse of `serialized` (a string vector of tf.Example protos) into `g`; returns the dense features by name. */
export function parseExample(g: GraphBuilder, serializedIn: GraphTensor, spec: FeatureSpec, opts: { name?: string } = {}): Record<string, SymbolicTensor> {
  const serialized = asSymbolic(serializedIn, 'parseExample');
  if (serialized.dtype !== 'string') throw new SavedModelError('INVALID_ARGUMENT', `parseExample: serialized must be a string tensor, got ${serialized.dtype} ${serialized.name}`);
  const keys = Object.keys(spec).sort();
  if (keys.length === 0) throw new SavedModelError('INVALID_ARGUMENT', 'parseExample: the feature spec is empty');
  return g.nameScope(opts.name ?? 'ParseExample', () => {
    const defaults = keys.map((k) => {
      const f = spec[k];
      if (f.defaultValue === undefined) return addConstant(g, emptyValues(f.dtype), [0], f.dtype, 'Const');
      const flat = Array.isArray(f.defaultValue) ? (f.defaultValue as (number | string)[]) : [f.defaultValue as number | string];
      const c = addConstant(g, flat as ConstValues, flat.length === 1 && f.shape.length === 0 ? [] : [flat.length], f.dtype, `key_${k}`);
      return ops.reshape(c, [...f.shape]) as unknown as SymbolicTensor;
    });
    return g.nameScope('ParseExampleV2', (scope) => {
      const strings = (vals: string[], name: string) => addConstant(g, vals, [vals.length], 'string', name);
      const batch = serialized.shape && serialized.shape.length ? serialized.shape[0] : -1;
      const op = g.addOp('ParseExampleV2', [serialized, strings([], 'names'), strings([], 'sparse_keys'), strings(keys, 'dense_keys'), strings([], 'ragged_keys'), defaults], {
        exactName: scope,
        attrs: {
          Tdense: attr.types(keys.map((k) => spec[k].dtype)),
          num_sparse: attr.i(0),
          sparse_types: attr.types([]),
          ragged_value_types: attr.types([]),
          ragged_split_types: attr.types([]),
          dense_shapes: attr.shapes(keys.map((k) => [...spec[k].shape])),
        },
        outputShapes: keys.map((k) => [batch, ...spec[k].shape]),
      });
      return Object.fromEntries(keys.map((k, i) => [k, op.output(i)]));
    });
  });
}
