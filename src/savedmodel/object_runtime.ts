/**
 * The runtime side of a TF2 object graph: calls concrete functions of the library with their
 * captured inputs bound (`bound_inputs`: variables and resources as handles, assets as path
 * strings, constants as tensors), after checking once per function that every op it can reach
 * has a kernel.
 */
import * as tf from '@tensorflow/tfjs-core';
import { SavedModelError } from '../errors.js';
import type { GraphDefLike } from '../graph/node.js';
import type { tensorflow } from '../proto/index.js';
import type { Executor } from '../runtime/executor.js';
import { tensorFromProto } from '../runtime/tensor_proto.js';
import type { Value } from '../runtime/values.js';
import { assetPath } from './model_dir.js';
import { OpReachability, type UnsafeOpsAllowance } from './op_check.js';
import { RestoredVariable } from './restored_variable.js';

/** A restored resource (lookup table …): its handle once created. */
export class RestoredResource {
  /** The resource handle, set when `_create_resource` ran. */
  handle: Value | undefined;
}

/** A restored asset: the path of its file inside the model directory. */
export class RestoredAsset {
  constructor(
    /** Path of the asset file (inside `<export dir>/assets/`). */
    readonly assetPath: string,
  ) {}
}

/** What a call of one concrete function needs: its captured object ids and declared argument count. */
interface Callee {
  readonly captures: readonly number[];
  readonly declared: number;
}

/** Function calls and captures of one loaded TF2 model. */
export class ObjectRuntime {
  /** The Python-side objects, by node id (filled by the object graph builder). */
  readonly objects: unknown[] = [];
  private readonly tensors = new Map<number, tf.Tensor>();
  private readonly checked = new Set<string>();
  private readonly callees = new Map<string, Callee>();
  private readonly graphNodes = new Map<string, tensorflow.NodeDef.$Properties>();
  private disposed = false;

  constructor(
    readonly executor: Executor,
    readonly objectGraph: tensorflow.SavedObjectGraph,
    readonly graphDef: GraphDefLike & tensorflow.GraphDef.$Properties,
    readonly exportDir: string,
    readonly assetFiles: readonly tensorflow.AssetFileDef.$Properties[],
    /** Which ops reaching outside the model functions may run (see LoadModelOptions). */
    private readonly allowUnsafeOps?: UnsafeOpsAllowance,
  ) {
    for (const n of graphDef.node ?? []) if (n.name) this.graphNodes.set(n.name, n);
  }

  private node(id: number): tensorflow.SavedObject.$Properties {
    const n = this.objectGraph.nodes[id];
    if (!n) throw new SavedModelError('DATA_LOSS', `object graph refers to node ${id}, but it has ${this.objectGraph.nodes.length} nodes`);
    return n;
  }

  /** The path of asset node `id`. */
  assetPathOf(id: number): string {
    const idx = this.node(id).asset?.assetFileDefIndex ?? 0;
    const def = this.assetFiles[idx];
    if (!def) throw new SavedModelError('DATA_LOSS', `asset node ${id} refers to asset_file_def ${idx}, but the meta graph has ${this.assetFiles.length}`);
    return assetPath(this.exportDir, def.filename ?? '');
  }

  /** The tensor of constant node `id` (decoded from its Const op in the graph, owned by the model). */
  constantOf(id: number): tf.Tensor {
    let t = this.tensors.get(id);
    if (!t) {
      const op = this.node(id).constant?.operation ?? '';
      const n = this.graphNodes.get(op);
      const value = n?.attr?.value?.tensor;
      if (!n || n.op !== 'Const' || !value) throw new SavedModelError('DATA_LOSS', `constant node ${id} names operation '${op}', which is not a Const of the graph`);
      t = tensorFromProto(value, `constant '${op}'`);
      this.tensors.set(id, t);
    }
    return t;
  }

  /** The value bound for captured object `id`. */
  capture(id: number): Value {
    const n = this.node(id);
    if (n.variable) return (this.objects[id] as RestoredVariable).handle;
    if (n.constant) return this.constantOf(id);
    if (n.asset) {
      let t = this.tensors.get(id);
      if (!t) {
        t = tf.scalar(this.assetPathOf(id), 'string');
        this.tensors.set(id, t);
      }
      return t;
    }
    if (n.resource) {
      const h = (this.objects[id] as RestoredResource).handle;
      if (!h) throw new SavedModelError('FAILED_PRECONDITION', `resource node ${id} is used before it was created`);
      return h;
    }
    throw new SavedModelError('UNIMPLEMENTED', `a function captures object node ${id} (${n.kind ?? 'unknown kind'}), which cannot be passed to functions`);
  }

  /**
   * Throws UNIMPLEMENTED (all missing ops at once) when function `name` reaches ops without
   * kernels, PERMISSION_DENIED when it reaches ops outside the model that were not allowed.
   */
  checkOps(name: string): void {
    if (this.checked.has(name)) return;
    const r = new OpReachability(this.graphDef).addFunction(name);
    r.throwIfMissing(`function '${name}'`);
    r.throwIfUnsafe(`function '${name}'`, this.allowUnsafeOps);
    this.checked.add(name);
  }

  /** Checks function `name` once; its captured object ids and declared argument count. */
  private callee(name: string): Callee {
    let c = this.callees.get(name);
    if (!c) {
      const cf = this.objectGraph.concreteFunctions[name];
      if (!cf) throw new SavedModelError('NOT_FOUND', `concrete function '${name}' is not in the object graph`);
      this.checkOps(name);
      c = { captures: (cf.boundInputs ?? []).map(Number), declared: this.executor.library.get(name).signature?.inputArg?.length ?? 0 };
      this.callees.set(name, c);
    }
    return c;
  }

  private prepare(name: string, flat: readonly Value[]): Value[] {
    if (this.disposed) throw new SavedModelError('FAILED_PRECONDITION', `function '${name}' called after the model was disposed`);
    const { captures, declared } = this.callee(name);
    if (flat.length + captures.length !== declared) {
      throw new SavedModelError('INVALID_ARGUMENT', `function '${name}' takes ${declared - captures.length} tensor argument(s), got ${flat.length}`);
    }
    const args: Value[] = new Array(declared);
    for (let i = 0; i < flat.length; i++) args[i] = flat[i];
    // Captures are looked up on every call: a resource's handle is set when it is created.
    for (let i = 0; i < captures.length; i++) args[flat.length + i] = this.capture(captures[i]);
    return args;
  }

  /** Calls concrete function `name` on flat tensor arguments; results are new (the caller owns them). */
  call(name: string, flat: readonly Value[]): Value[] {
    return this.executor.callFunction(name, this.prepare(name, flat));
  }

  /** `call`, allowing ops that only run asynchronously (file-reading initialisers). */
  callAsync(name: string, flat: readonly Value[]): Promise<Value[]> {
    return this.executor.callFunctionAsync(name, this.prepare(name, flat));
  }

  /** Frees the tensors the runtime made (asset paths, constants). */
  dispose(): void {
    this.disposed = true;
    for (const t of this.tensors.values()) t.dispose();
    this.tensors.clear();
  }
}
