/**
 * The walked object graph as the two protos TensorFlow reads: the SavedObjectGraph of the
 * MetaGraphDef (user objects, variables, functions with their concrete functions and
 * FunctionSpecs, bare concrete functions, assets, and the `concrete_functions` map with
 * `bound_inputs` naming the variables each function captured) and the checkpoint's
 * TrackableObjectGraph (same node ids and children; variables carry their checkpoint keys).
 */
import { SavedModelError } from '../errors.js';
import type { ConcreteFunction } from '../trace/concrete_function.js';
import type { ObjectGraph, ObjectNode } from './writer_objects.js';
import { variableKey } from './writer_objects.js';
import { functionSpec, keywordSignature, outputSignature, positionalSignature, shapeMessage, type ProtoObject } from './writer_struct.js';
import { dtypeToEnum } from '../graph/dtypes.js';

const VERSION = { producer: 1, minConsumer: 1 };

function refs(list: readonly { name: string; id: number }[]): ProtoObject[] {
  return list.map((c) => ({ nodeId: c.id, localName: c.name }));
}

/** Concrete functions of the object graph: node id of each, and whether it is a signature wrapper. */
function concreteFunctionsOf(graph: ObjectGraph): Map<ConcreteFunction, { signature: boolean }> {
  const out = new Map<ConcreteFunction, { signature: boolean }>();
  for (const n of graph.nodes) {
    if (n.kind.kind === 'function') for (const cf of n.kind.concrete) if (!out.has(cf)) out.set(cf, { signature: false });
    if (n.kind.kind === 'bare') out.set(n.kind.cf, { signature: n.kind.signatureKey !== undefined });
  }
  return out;
}

function boundInputs(cf: ConcreteFunction, graph: ObjectGraph): number[] {
  return cf.graph.captures.map((c) => {
    if (!('variable' in c.source)) {
      throw new SavedModelError('INVALID_ARGUMENT', `function ${cf.name} captures tensor ${c.source.tensor.name} of another graph; only variables can be captured by saved functions`);
    }
    const id = graph.idOf(c.source.variable);
    if (id === undefined) {
      throw new SavedModelError('INVALID_ARGUMENT', `function ${cf.name} uses variable '${c.source.variable.name}', which is not reachable from the saved module: assign it to a property of the module (or of a submodule)`);
    }
    return id;
  });
}

function savedObject(node: ObjectNode, assetIndex: number): ProtoObject {
  const base: ProtoObject = { children: refs(node.children) };
  if (node.dependencies.length) base.dependencies = refs(node.dependencies);
  const k = node.kind;
  switch (k.kind) {
    case 'user':
      return { ...base, userObject: { identifier: k.identifier, version: VERSION } };
    case 'variable': {
      const v = k.variable;
      return { ...base, variable: { dtype: dtypeToEnum(v.dtype), shape: shapeMessage(v.shape), trainable: v.trainable, name: v.name } };
    }
    case 'function':
      return {
        ...base,
        function: { concreteFunctions: k.concrete.map((cf) => cf.name), functionSpec: functionSpec(k.fn.argNames, k.fn.inputSignature) },
      };
    case 'bare': {
      const cf = k.cf;
      const names = cf.inputSpecs.map((s) => s.name!);
      const signature = k.signatureKey !== undefined;
      const positional = signature ? (names.length === 1 ? 1 : 0) : names.length;
      return {
        ...base,
        bareConcreteFunction: {
          concreteFunctionName: cf.name,
          argumentKeywords: names,
          allowedPositionalArguments: positional,
          functionSpec: signature ? functionSpec([], undefined, names) : functionSpec(cf.trace.argNames.length ? cf.trace.argNames : names),
        },
      };
    }
    case 'asset':
      return { ...base, asset: { assetFileDefIndex: assetIndex } };
  }
}

/** Asset nodes in node order (their position is their asset_file_def index). */
export function assetNodes(graph: ObjectGraph): ObjectNode[] {
  return graph.nodes.filter((n) => n.kind.kind === 'asset');
}

/** The SavedObjectGraph message. */
export function savedObjectGraph(graph: ObjectGraph): ProtoObject {
  const concreteFunctions: Record<string, ProtoObject> = {};
  for (const [cf, { signature }] of concreteFunctionsOf(graph)) {
    concreteFunctions[cf.name] = {
      boundInputs: boundInputs(cf, graph),
      canonicalizedInputSignature: signature ? keywordSignature(cf.inputSpecs) : positionalSignature(cf.inputSpecs),
      outputSignature: outputSignature(cf.structuredOutputs),
    };
  }
  const assets = assetNodes(graph);
  return { nodes: graph.nodes.map((n) => savedObject(n, assets.indexOf(n))), concreteFunctions };
}

/** The checkpoint's TrackableObjectGraph message. */
export function trackableObjectGraph(graph: ObjectGraph): ProtoObject {
  const hasValues = new Map<number, boolean>();
  const visit = (id: number, stack: Set<number>): boolean => {
    const known = hasValues.get(id);
    if (known !== undefined) return known;
    if (stack.has(id)) return false;
    stack.add(id);
    const n = graph.nodes[id];
    let v = n.kind.kind === 'variable';
    for (const c of n.children) v = visit(c.id, stack) || v;
    stack.delete(id);
    hasValues.set(id, v);
    return v;
  };
  graph.nodes.forEach((n) => visit(n.id, new Set()));
  return {
    nodes: graph.nodes.map((n) => ({
      children: refs(n.children),
      ...(n.kind.kind === 'variable'
        ? { attributes: [{ name: 'VARIABLE_VALUE', fullName: n.kind.variable.name, checkpointKey: variableKey(n) }] }
        : {}),
      hasCheckpointValues: hasValues.get(n.id) ? { value: true } : {},
    })),
  };
}
