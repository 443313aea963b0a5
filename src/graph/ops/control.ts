/** Op definitions: function calls and control flow, functional and TF1 (kernels: src/runtime/kernels/control.ts). */
import type { OpSpecTable } from '../opdef.js';

const callAttrs = ['Tin: list(type)', 'Tout: list(type)', 'f: func', "config: string = ''", "config_proto: string = ''", "executor_type: string = ''"];
const ifAttrs = ['Tcond: type', 'Tin: list(type)', 'Tout: list(type)', 'then_branch: func', 'else_branch: func', 'output_shapes: list(shape) = []'];
const whileAttrs = ['T: list(type)', 'cond: func', 'body: func', 'output_shapes: list(shape) = []', 'parallel_iterations: int = 10'];
const caseAttrs = ['Tin: list(type)', 'Tout: list(type)', 'branches: list(func)', 'output_shapes: list(shape) = []'];

export const controlOps: OpSpecTable = {
  NoOp: {},
  ControlTrigger: {},
  PartitionedCall: { in: ['args: Tin'], out: ['output: Tout'], attrs: callAttrs },
  StatefulPartitionedCall: { in: ['args: Tin'], out: ['output: Tout'], attrs: callAttrs, stateful: true },
  If: { in: ['cond: Tcond', 'input: Tin'], out: ['output: Tout'], attrs: ifAttrs, stateful: true },
  StatelessIf: { in: ['cond: Tcond', 'input: Tin'], out: ['output: Tout'], attrs: ifAttrs },
  While: { in: ['input: T'], out: ['output: T'], attrs: whileAttrs, stateful: true },
  StatelessWhile: { in: ['input: T'], out: ['output: T'], attrs: whileAttrs },
  Case: { in: ['branch_index: int32', 'input: Tin'], out: ['output: Tout'], attrs: caseAttrs, stateful: true },
  StatelessCase: { in: ['branch_index: int32', 'input: Tin'], out: ['output: Tout'], attrs: caseAttrs },
  // TF1 control flow.
  Switch: { in: ['data: T', 'pred: bool'], out: ['output_false: T', 'output_true: T'] },
  RefSwitch: { in: ['data: Ref(T)', 'pred: bool'], out: ['output_false: Ref(T)', 'output_true: Ref(T)'] },
  Merge: { in: ['inputs: N * T'], out: ['output: T', 'value_index: int32'] },
  RefMerge: { in: ['inputs: N * Ref(T)'], out: ['output: Ref(T)', 'value_index: int32'] },
  Enter: { in: ['data: T'], out: ['output: T'], attrs: ['frame_name: string', 'is_constant: bool = false', 'parallel_iterations: int = 10'] },
  RefEnter: { in: ['data: Ref(T)'], out: ['output: Ref(T)'], attrs: ['frame_name: string', 'is_constant: bool = false', 'parallel_iterations: int = 10'] },
  Exit: { in: ['data: T'], out: ['output: T'] },
  RefExit: { in: ['data: Ref(T)'], out: ['output: Ref(T)'] },
  NextIteration: { in: ['data: T'], out: ['output: T'] },
  RefNextIteration: { in: ['data: Ref(T)'], out: ['output: Ref(T)'] },
  LoopCond: { in: ['input: bool'], out: ['output: bool'] },
};
