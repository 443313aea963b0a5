/**
 * Rebuilding a TF2 SavedObjectGraph as JS objects, the way `tf.saved_model.load` rebuilds Python
 * ones: user objects become plain objects (list/tuple wrappers arrays) with their children as
 * properties, variables become RestoredVariables restored from the checkpoint through the object
 * graph keys, functions become callables, assets their paths, constants tensors; resources
 * (lookup tables) are created by their `_create_resource` function and, after the variables are
 * restored, initialised by their `_initialize` function.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { DType } from '../bundle/index.js';
import { SavedModelError } from '../errors.js';
import { dtypeFromEnum } from '../graph/dtypes.js';
import type { tensorflow } from '../proto/index.js';
import type { ResourceManager } from '../runtime/resources.js';
import { releaseValue } from '../runtime/values.js';
import type { ModelCheckpoint } from './checkpoint_reader.js';
import { readTrackableGraph, variableCheckpointKeys } from './checkpoint_keys.js';
import { ObjectRuntime, RestoredAsset, RestoredResource } from './object_runtime.js';
import type { ProgressCallback } from './progress.js';
import { makeBareFunction, makeRestoredFunction } from './restored_function.js';
import { RestoredVariable } from './restored_variable.js';
import { partialShape } from './tensor_info.js';

const LIST_WRAPPERS = new Set(['trackable_list_wrapper', 'trackable_tuple_wrapper', 'list', 'tuple']);

/** A readable path for every node (`model.dense.kernel`), the first one found from the root. */
function nodePaths(og: tensorflow.SavedObjectGraph): string[] {
  const paths: string[] = new Array(og.nodes.length);
  paths[0] = 'model';
  const queue = [0];
  while (queue.length > 0) {
    const id = queue.shift()!;
    for (const c of og.nodes[id].children ?? []) {
      const child = c.nodeId ?? 0;
      if (child < og.nodes.length && paths[child] === undefined) {
        paths[child] = `${paths[id]}.${c.localName}`;
        queue.push(child);
      }
    }
  }
  return paths.map((p, i) => p ?? `node ${i}`);
}

function makeObject(rt: ObjectRuntime, resources: ResourceManager, id: number, path: string, names: Set<string>): unknown {
  const n = rt.objectGraph.nodes[id];
  if (n.variable) {
    const v = n.variable;
    const name = v.name || `variable_${id}`;
    let unique = name;
    for (let k = 1; names.has(unique); k++) unique = `${name}_${k}`;
    names.add(unique);
    return new RestoredVariable(name, dtypeFromEnum(v.dtype ?? 0) as DType, partialShape(v.shape), v.trainable ?? true, resources, unique);
  }
  if (n.asset) return new RestoredAsset(rt.assetPathOf(id));
  if (n.function) return makeRestoredFunction(rt, n.function, path);
  if (n.bareConcreteFunction) return makeBareFunction(rt, n.bareConcreteFunction, path);
  if (n.constant) return rt.constantOf(id);
  if (n.resource) return new RestoredResource();
  if (n.userObject && LIST_WRAPPERS.has(n.userObject.identifier ?? '')) return [];
  return {};
}

function setChild(obj: unknown, key: string, value: unknown): void {
  if (Array.isArray(obj) && /^\d+$/.test(key)) {
    obj[Number(key)] = value;
    return;
  }
  if (typeof obj !== 'function' && (typeof obj !== 'object' || obj === null || obj instanceof tf.Tensor)) return;
  const plain = typeof obj === 'object' && Object.getPrototypeOf(obj) === Object.prototype;
  if (!plain && key in (obj as object)) return; // keep class members (RestoredVariable.name …)
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
}

/** The concrete function behind child `name` of node `id` (a function or bare concrete function). */
function childFunction(og: tensorflow.SavedObjectGraph, id: number, name: string): string | undefined {
  const ref = (og.nodes[id].children ?? []).find((c) => c.localName === name);
  const n = ref ? og.nodes[ref.nodeId ?? 0] : undefined;
  return n?.function?.concreteFunctions?.[0] ?? n?.bareConcreteFunction?.concreteFunctionName ?? undefined;
}

async function createResources(rt: ObjectRuntime): Promise<void> {
  const og = rt.objectGraph;
  for (let id = 0; id < og.nodes.length; id++) {
    if (!og.nodes[id].resource) continue;
    const creator = childFunction(og, id, '_create_resource');
    if (!creator) throw new SavedModelError('UNIMPLEMENTED', `resource node ${id} has no _create_resource function`);
    const [handle, ...rest] = await rt.callAsync(creator, []);
    rest.forEach(releaseValue);
    (rt.objects[id] as RestoredResource).handle = handle;
  }
}

async function initializeResources(rt: ObjectRuntime): Promise<void> {
  const og = rt.objectGraph;
  for (let id = 0; id < og.nodes.length; id++) {
    if (!og.nodes[id].resource) continue;
    const init = childFunction(og, id, '_initialize');
    if (init) (await rt.callAsync(init, [])).forEach(releaseValue);
  }
}

async function restoreVariables(rt: ObjectRuntime, ckpt: ModelCheckpoint | null, onProgress?: ProgressCallback): Promise<void> {
  const og = rt.objectGraph;
  const variables = og.nodes.flatMap((n, id) => (n.variable ? [id] : []));
  if (variables.length === 0) return;
  const trackable = ckpt ? await readTrackableGraph(ckpt) : null;
  const keys = trackable ? variableCheckpointKeys(og, trackable) : new Map<number, string>();
  const wanted = variables.filter((id) => keys.has(id));
  for (const id of variables) {
    if (!keys.has(id)) {
      const v = rt.objects[id] as RestoredVariable;
      v.failRestore(new SavedModelError('NOT_FOUND', ckpt ? `the checkpoint's object graph has no value for it` : 'the model has no variables checkpoint'));
    }
  }
  if (!ckpt || wanted.length === 0) return;
  const results = await ckpt.readSettled(wanted.map((id) => ({ key: keys.get(id)!, dtype: (rt.objects[id] as RestoredVariable).dtype })), onProgress);
  results.forEach((r, i) => {
    const v = rt.objects[wanted[i]] as RestoredVariable;
    if (r instanceof Error) {
      v.failRestore(r);
      return;
    }
    try {
      v.restore(r);
    } finally {
      r.dispose();
    }
  });
}

/**
 * Builds every object of the graph, restores variables, creates and initialises resources;
 * returns the root object (node 0), without its `signatures` child.
 */
export async function rebuildObjectGraph(
  rt: ObjectRuntime,
  resources: ResourceManager,
  ckpt: ModelCheckpoint | null,
  onProgress?: ProgressCallback,
): Promise<Record<string, unknown>> {
  const og = rt.objectGraph;
  const paths = nodePaths(og);
  const names = new Set<string>();
  og.nodes.forEach((_, id) => (rt.objects[id] = makeObject(rt, resources, id, paths[id], names)));
  og.nodes.forEach((n, id) => {
    for (const c of n.children ?? []) {
      if (id === 0 && c.localName === 'signatures') continue;
      const child = c.nodeId ?? -1;
      if (child < 0 || child >= og.nodes.length) throw new SavedModelError('DATA_LOSS', `object graph node ${id} has child ${child}, but there are ${og.nodes.length} nodes`);
      setChild(rt.objects[id], c.localName ?? '', rt.objects[child]);
    }
  });
  await createResources(rt);
  await restoreVariables(rt, ckpt, onProgress);
  await initializeResources(rt);
  const root = rt.objects[0];
  return (typeof root === 'object' && root !== null && !Array.isArray(root) ? root : {}) as Record<string, unknown>;
}
