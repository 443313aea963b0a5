/**
 * TF's fused batch normalisation (FusedBatchNorm, V2, V3) on tfjs ops, NHWC or NCHW, for
 * inference (given mean/variance) or training (batch statistics; `batch_variance` is the
 * unbiased variance, blended into the given running values when `exponential_avg_factor` < 1;
 * the reserve spaces hold the batch mean and the biased variance, as TF's CPU kernel does).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { KernelContext } from '../kernel.js';

/** The five outputs `[y, batch_mean, batch_variance, reserve_space_1, reserve_space_2]`. */
export function fusedBatchNorm([x, scale, offset, mean, variance]: tf.Tensor[], ctx: KernelContext): tf.Tensor[] {
  const nchw = ctx.str('data_format').startsWith('NC');
  const channelAxis = nchw ? 1 : x.rank - 1;
  if (x.rank < 4) throw ctx.error('INVALID_ARGUMENT', `x must be 4-D or 5-D, got shape [${x.shape.join(',')}]`);
  const eps = ctx.float('epsilon');
  return tf.tidy(() => {
    // per-channel params broadcast along the channel axis ([C] for NHWC, [C,1,1] for NCHW)
    const perChannel = (t: tf.Tensor) => (nchw ? tf.reshape(t, [-1, ...new Array<number>(x.rank - 2).fill(1)]) : t);
    const normalize = (m: tf.Tensor, v: tf.Tensor) => {
      if (!nchw && x.rank === 4) return tf.batchNorm(x, m, v, offset, scale, eps);
      const factor = tf.mul(scale, tf.rsqrt(tf.add(v, tf.scalar(eps))));
      const shift = tf.sub(offset, tf.mul(m, factor));
      return tf.add(tf.mul(x, perChannel(factor)), perChannel(shift));
    };
    if (!ctx.bool('is_training')) {
      return [normalize(mean, variance), tf.clone(mean), tf.clone(variance), tf.clone(mean), tf.clone(variance)];
    }
    const axes = x.shape.map((_, i) => i).filter((i) => i !== channelAxis);
    const moments = tf.moments(x, axes);
    const n = x.size / x.shape[channelAxis];
    const unbiased = tf.mul(moments.variance, tf.scalar(n / Math.max(n - 1, 1)));
    const f = ctx.float('exponential_avg_factor');
    const blend = (old: tf.Tensor, now: tf.Tensor) => (f === 1 ? tf.clone(now) : tf.add(tf.mul(old, tf.scalar(1 - f)), tf.mul(now, tf.scalar(f))));
    return [
      normalize(moments.mean, moments.variance),
      blend(mean, moments.mean),
      blend(variance, unbiased),
      tf.clone(moments.mean),
      tf.clone(moments.variance),
    ];
  });
}
