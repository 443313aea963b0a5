/**
 * Kernels: resource variables and TF1 reference variables (definitions: src/graph/ops/resource.ts).
 * Both live in the model's ResourceManager under (container, shared_name); an empty shared_name
 * means the node's name, as in graph-mode TF. A ref variable's output is a `RefValue`, read by
 * the executor whenever a non-ref input consumes it.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { KernelContext, KernelTable } from '../kernel.js';
import { RefValue, ResourceHandle, expectHandle, type Value } from '../values.js';

function handleOf(ctx: KernelContext): ResourceHandle {
  return ctx.memo(() => new ResourceHandle('variable', ctx.str('container'), ctx.str('shared_name') || ctx.node));
}

function variableOf(ctx: KernelContext, v: tf.Tensor, dtypeAttr?: string) {
  const h = expectHandle(v as Value, `node '${ctx.node}' input 0`);
  return ctx.runtime.resources.variable(h, dtypeAttr ? ctx.dtype(dtypeAttr) : undefined);
}

/** Adds (sign 1) or subtracts (sign -1) `delta` into the variable. */
function update(ctx: KernelContext, ref: tf.Tensor, delta: tf.Tensor, sign: 1 | -1, dtypeAttr?: string): void {
  const v = variableOf(ctx, ref, dtypeAttr);
  const next = sign > 0 ? tf.add(v.variable(), delta) : tf.sub(v.variable(), delta);
  v.assign(next);
  next.dispose();
}

export const resourceKernels: KernelTable = {
  VarHandleOp: (_, ctx) => {
    const h = handleOf(ctx);
    ctx.runtime.resources.variable(h, ctx.dtype('dtype'));
    return h;
  },
  ReadVariableOp: ([h], ctx) => variableOf(ctx, h, 'dtype').read(),
  AssignVariableOp: ([h, value], ctx) => {
    variableOf(ctx, h, 'dtype').assign(value);
    return [];
  },
  AssignAddVariableOp: ([h, delta], ctx) => {
    update(ctx, h, delta, 1, 'dtype');
    return [];
  },
  AssignSubVariableOp: ([h, delta], ctx) => {
    update(ctx, h, delta, -1, 'dtype');
    return [];
  },
  VarIsInitializedOp: ([h], ctx) => tf.scalar(variableOf(ctx, h).initialized, 'bool'),
  DestroyResourceOp: ([h], ctx) => {
    const handle = expectHandle(h as Value, `node '${ctx.node}' input 0`);
    if (!ctx.runtime.resources.delete(handle) && !ctx.bool('ignore_lookup_error')) {
      throw ctx.error('NOT_FOUND', `resource '${handle.name}' does not exist`);
    }
    return [];
  },
  // A hint for TF's copy-on-read variables; nothing to do here.
  DisableCopyOnRead: () => [],
  ResourceGather: ([h, indices], ctx) => tf.gather(variableOf(ctx, h, 'dtype').variable(), indices, 0, ctx.int('batch_dims')),
  VariableV2: (_, ctx) => {
    const h = handleOf(ctx);
    ctx.runtime.resources.variable(h, ctx.dtype('dtype'));
    return new RefValue(h);
  },
  Variable: (_, ctx) => {
    const h = handleOf(ctx);
    ctx.runtime.resources.variable(h, ctx.dtype('dtype'));
    return new RefValue(h);
  },
  Assign: ([ref, value], ctx) => {
    const v = variableOf(ctx, ref);
    if (ctx.bool('validate_shape') && v.initialized && !tf.util.arraysEqual(v.variable().shape, value.shape)) {
      throw ctx.error('INVALID_ARGUMENT', `cannot assign a value of shape [${value.shape}] to variable '${v.name}' of shape [${v.variable().shape}]`);
    }
    v.assign(value);
    return new RefValue(expectHandle(ref as Value, ctx.node));
  },
  AssignAdd: ([ref, delta], ctx) => {
    update(ctx, ref, delta, 1);
    return new RefValue(expectHandle(ref as Value, ctx.node));
  },
  AssignSub: ([ref, delta], ctx) => {
    update(ctx, ref, delta, -1);
    return new RefValue(expectHandle(ref as Value, ctx.node));
  },
  IsVariableInitialized: ([ref], ctx) => tf.scalar(variableOf(ctx, ref).initialized, 'bool'),
  RefIdentity: ([ref], ctx) => new RefValue(expectHandle(ref as Value, ctx.node)),
};
