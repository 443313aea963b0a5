/**
 * The graph ops are recorded into: a stack of default graphs (the function being traced, or a
 * v1 Graph made default). With an empty stack, ops with symbolic inputs record into their
 * inputs' graph and all others run eagerly on tfjs.
 */
import type { GraphBuilder } from '../graph/graph_builder.js';

const stack: GraphBuilder[] = [];

/** The innermost default graph, or undefined (eager). */
export function defaultGraph(): GraphBuilder | undefined {
  return stack[stack.length - 1];
}

/** Runs `fn` with `g` as the default graph (`with g.as_default():`). */
export function withDefaultGraph<T>(g: GraphBuilder, fn: () => T): T {
  stack.push(g);
  try {
    return fn();
  } finally {
    stack.pop();
  }
}

/** True while some graph is the default (tracing or v1 graph building). */
export function isBuildingGraph(): boolean {
  return stack.length > 0;
}
