/** Kernels: tf.Example parsing (definitions: src/graph/ops/parsing.ts). */
import type * as tf from '@tensorflow/tfjs-core';
import { parseExamples, type ExampleSpec } from '../example.js';
import type { KernelContext, KernelTable } from '../kernel.js';
import { hostStrings } from './host.js';

const utf8 = new TextDecoder();

function keys(ts: readonly tf.Tensor[]): string[] {
  return ts.flatMap((t) => hostStrings(t).map((b) => utf8.decode(b)));
}

function denseSpec(ctx: KernelContext, denseKeys: string[], defaults: tf.Tensor[]): ExampleSpec['dense'] {
  const types = ctx.dtypes('Tdense');
  const shapes = (ctx.attrs.dense_shapes ?? []) as { dims: number[] | null }[];
  return denseKeys.map((key, i) => {
    const dims = shapes[i]?.dims;
    if (!dims) throw ctx.error('INVALID_ARGUMENT', `dense feature '${key}' has no known shape`);
    return { key, dtype: types[i], shape: dims, defaults: defaults[i] };
  });
}

export const parsingKernels: KernelTable = {
  ParseExample: (ins, ctx) => {
    const ns = ctx.int('Nsparse');
    const nd = ctx.int('Ndense');
    const serialized = ins[0];
    const sparseKeys = keys(ins.slice(2, 2 + ns));
    const denseKeys = keys(ins.slice(2 + ns, 2 + ns + nd));
    const sparseTypes = ctx.dtypes('sparse_types');
    return parseExamples(hostStrings(serialized), serialized.shape, {
      dense: denseSpec(ctx, denseKeys, ins.slice(2 + ns + nd)),
      sparse: sparseKeys.map((key, i) => ({ key, dtype: sparseTypes[i] })),
      ragged: [],
    });
  },
  ParseExampleV2: ([serialized, , sparseT, denseT, raggedT, ...defaults], ctx) => {
    const sparseTypes = ctx.dtypes('sparse_types');
    const raggedTypes = ctx.dtypes('ragged_value_types');
    const splitTypes = ctx.dtypes('ragged_split_types');
    return parseExamples(hostStrings(serialized), serialized.shape, {
      dense: denseSpec(ctx, keys([denseT]), defaults),
      sparse: keys([sparseT]).map((key, i) => ({ key, dtype: sparseTypes[i] })),
      ragged: keys([raggedT]).map((key, i) => ({ key, dtype: raggedTypes[i], splitDtype: splitTypes[i] })),
    });
  },
};
