/**
 * Initializer groups of TF1 graphs: `global_variables_initializer` and
 * `variables_initializer(var_list)` — a NoOp (`init`) running each variable's initializer.
 */
import type { Operation } from '../graph/symbolic.js';
import type { Graph } from './graph.js';
import type { GraphVariable } from './variables.js';

/** `tf.compat.v1.variables_initializer(vars, name)`: one op running the initializers of `vars`. */
export function variablesInitializer(graph: Graph, vars: readonly GraphVariable[], name = 'init'): Operation {
  return graph.addOp('NoOp', [], { name, controlInputs: vars.map((v) => v.initializer) });
}

/** `tf.compat.v1.global_variables_initializer()`: initializes every variable of `graph`'s GLOBAL_VARIABLES collection. */
export function globalVariablesInitializer(graph: Graph): Operation {
  return variablesInitializer(graph, graph.globalVariables());
}
