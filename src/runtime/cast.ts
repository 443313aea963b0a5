/**
 * Casting into a TF dtype on tfjs tensors: the tfjs carrier dtype from the table in dtypes.ts,
 * plus TF's wrap-around for narrow integer types (int32 300 → uint8 44) and truncation toward
 * zero for float → integer.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { TfDType } from '../graph/dtypes.js';
import { tfjsDtype } from './dtypes.js';

const WRAP: Partial<Record<TfDType, readonly [number, number]>> = {
  uint8: [0, 256], int8: [-128, 256], uint16: [0, 65536], int16: [-32768, 65536],
};

/** `x` cast to the tfjs carrier of `dst`, with TF's integer wrap-around (`x` itself when nothing changes). */
export function castTo(x: tf.Tensor, dst: TfDType): tf.Tensor {
  const target = tfjsDtype(dst);
  // tfjs-wasm's cast to bool truncates to an integer byte first (0.5 → false, -2 → 254).
  if (target === 'bool' && x.dtype !== 'bool') return tf.notEqual(x, tf.scalar(0, x.dtype));
  const wrap = WRAP[dst];
  if (!wrap || x.dtype === 'bool') return x.dtype === target ? x : tf.cast(x, target);
  return tf.tidy(() => {
    const [lo, span] = wrap;
    const ints = x.dtype === 'int32' ? x : tf.cast(x, 'int32');
    // floor-mod into [0, span), shifted to start at lo: TF's static_cast wrap for two's complement.
    // (int32 scalars: a bare JS number would make tfjs compute, and return, float32)
    const [l, n] = [tf.scalar(lo, 'int32'), tf.scalar(span, 'int32')];
    return tf.add(tf.mod(tf.sub(ints, l), n), l);
  });
}
