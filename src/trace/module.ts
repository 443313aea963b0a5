/**
 * `Module` (tf.Module): a container whose properties — Variables, Modules, tfFunctions,
 * ConcreteFunctions, and arrays or plain records of them — are tracked. `saveModel` walks those
 * properties (in insertion order) to build the SavedObjectGraph; a property named `__call__`
 * makes the loaded object callable in Python (`loaded(5.)`).
 */
import { Variable } from './variable.js';

function snakeCase(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').replace(/([A-Z])([A-Z][a-z])/g, '$1_$2').toLowerCase() || 'module';
}

/** Property values of `obj` that hold trackable things, in insertion order. */
export function trackedValues(obj: object): [string, unknown][] {
  return Object.keys(obj).map((k) => [k, (obj as Record<string, unknown>)[k]] as [string, unknown]);
}

/** A module: tracks what is assigned to its properties. */
export class Module {
  /** The module's name (default: the class name in snake_case). Not a tracked property. */
  declare readonly name: string;

  constructor(name?: string) {
    Object.defineProperty(this, 'name', { value: name ?? snakeCase(new.target.name), enumerable: false, writable: false, configurable: true });
  }

  /** Every Variable reachable through properties (each once, in discovery order). */
  get variables(): Variable[] {
    return collect(this, (x): x is Variable => x instanceof Variable);
  }

  /** The trainable Variables. */
  get trainableVariables(): Variable[] {
    return this.variables.filter((v) => v.trainable);
  }

  /** Every Module reachable through properties, excluding this one. */
  get submodules(): Module[] {
    return collect(this, (x): x is Module => x instanceof Module).filter((m) => m !== this);
  }
}

function collect<T>(root: object, pick: (x: unknown) => x is T): T[] {
  const out: T[] = [];
  const seen = new Set<unknown>();
  const visit = (v: unknown): void => {
    if (v === null || typeof v !== 'object' || seen.has(v)) return;
    seen.add(v);
    if (pick(v)) out.push(v);
    if (v instanceof Variable) return;
    if (Array.isArray(v)) v.forEach(visit);
    else if (v instanceof Module || Object.getPrototypeOf(v) === Object.prototype) for (const [, c] of trackedValues(v)) visit(c);
  };
  visit(root);
  return out;
}
