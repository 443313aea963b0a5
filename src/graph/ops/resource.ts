/** Op definitions: resource variables and TF1 reference variables (kernels: src/runtime/kernels/resource.ts). */
import type { OpSpecTable } from '../opdef.js';

const handleAttrs = ["container: string = ''", "shared_name: string = ''"];

export const resourceOps: OpSpecTable = {
  VarHandleOp: {
    out: ['resource: resource'],
    attrs: [...handleAttrs, "debug_name: string = ''", 'dtype: type', 'shape: shape', 'allowed_devices: list(string) = []'],
    stateful: true,
  },
  ReadVariableOp: { in: ['resource: resource'], out: ['value: dtype'], attrs: ['dtype: type'], stateful: true },
  AssignVariableOp: { in: ['resource: resource', 'value: dtype'], attrs: ['dtype: type', 'validate_shape: bool = false'], stateful: true },
  AssignAddVariableOp: { in: ['resource: resource', 'value: dtype'], attrs: ['dtype: type'], stateful: true },
  AssignSubVariableOp: { in: ['resource: resource', 'value: dtype'], attrs: ['dtype: type'], stateful: true },
  VarIsInitializedOp: { in: ['resource: resource'], out: ['is_initialized: bool'], stateful: true },
  DestroyResourceOp: { in: ['resource: resource'], attrs: ['ignore_lookup_error: bool = true'], stateful: true },
  DisableCopyOnRead: { in: ['resource: resource'], stateful: true },
  ResourceGather: {
    in: ['resource: resource', 'indices: Tindices'], out: ['output: dtype'],
    attrs: ['batch_dims: int = 0', 'validate_indices: bool = true', 'dtype: type', 'Tindices: type'], stateful: true,
  },
  // TF1 reference variables.
  VariableV2: { out: ['ref: Ref(dtype)'], attrs: ['shape: shape', 'dtype: type', ...handleAttrs], stateful: true },
  Variable: { out: ['ref: Ref(dtype)'], attrs: ['shape: shape', 'dtype: type', ...handleAttrs], stateful: true },
  Assign: {
    in: ['ref: Ref(T)', 'value: T'], out: ['output_ref: Ref(T)'],
    attrs: ['validate_shape: bool = true', 'use_locking: bool = true'], stateful: true,
  },
  AssignAdd: { in: ['ref: Ref(T)', 'value: T'], out: ['output_ref: Ref(T)'], attrs: ['use_locking: bool = false'], stateful: true },
  AssignSub: { in: ['ref: Ref(T)', 'value: T'], out: ['output_ref: Ref(T)'], attrs: ['use_locking: bool = false'], stateful: true },
  IsVariableInitialized: { in: ['ref: Ref(dtype)'], out: ['is_initialized: bool'], attrs: ['dtype: type'], stateful: true },
  RefIdentity: { in: ['input: Ref(T)'], out: ['output: Ref(T)'] },
};
