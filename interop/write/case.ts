/**
 * Direction B (TypeScript writes, TensorFlow reads): what one case is. A case names the save
 * path it exercises (as the guide / API.md calls it), the public exports it needs, and a
 * `write` that saves into a folder and returns the checks Python runs there
 * (interop/check/check_all.py), with the values TypeScript computed as the expectation.
 */
import * as api from '../../src/index.js';
import type { GoldenTensor } from '../../test/interop/golden.js';

/** One check Python runs on what a case wrote (kinds: see interop/check/check_all.py). */
export type Check =
  | { type: 'load_checkpoint'; prefix: string; data_files: number; values: Record<string, GoldenTensor> }
  | { type: 'saver_restore'; prefix: string; variables: Record<string, GoldenTensor> }
  | { type: 'tf2_checkpoint_read'; prefix: string; variables: Record<string, GoldenTensor> }
  | { type: 'tf2_signature'; dir: string; signature: string; inputs: Record<string, GoldenTensor>; outputs: Record<string, GoldenTensor>; rtol: number }
  | { type: 'tf2_function'; dir: string; path: string; args: GoldenTensor[]; result: GoldenTensor; rtol: number }
  | { type: 'tf2_object_value'; dir: string; path: string; value: GoldenTensor }
  | { type: 'tf1_session_run'; dir: string; tags: string[]; signature: string; inputs: Record<string, GoldenTensor>; outputs: Record<string, GoldenTensor>; rtol: number }
  | { type: 'saved_model_cli'; dir: string; tag_set: string; signature: string; input_exprs: string; outputs: Record<string, GoldenTensor>; rtol: number }
  | { type: 'import_meta_graph'; meta_graph: string; prefix: string; feeds: Record<string, GoldenTensor>; fetches: Record<string, GoldenTensor>; rtol: number }
  // The TF1 API's checks (interop/check/v1_checks.py).
  | { type: 'method_name'; dir: string; tags: string[]; methods: Record<string, string> }
  | { type: 'tf1_variables'; dir: string; tags: string[]; values: Record<string, GoldenTensor>; rtol?: number }
  | { type: 'saved_model_cli_examples'; dir: string; tag_set: string; signature: string; input_examples: string; outputs: Record<string, GoldenTensor>; rtol: number }
  | { type: 'latest_checkpoint'; dir: string; latest: string; all: string[] }
  | { type: 'wrap_function_prune'; meta_graph: string; prefix: string; feeds: Record<string, GoldenTensor>; fetches: Record<string, GoldenTensor>; rtol: number };

/** A save path of ours, checked by TensorFlow. */
export interface WriteCase {
  name: string;
  /** The save path, in the guide's / API.md's words. */
  path: string;
  /** Exports of src/index.ts it needs ('v1.savedModel.Builder' walks into objects). */
  needs: string[];
  /** Writes under `dir` (paths in checks are relative to `dir`) and returns the checks. */
  write(dir: string): Promise<Check[]>;
}

const exported = api as unknown as Record<string, unknown>;

/** The export at a dotted path of src/index.ts, or undefined while it has not landed. */
export function exportAt(path: string): unknown {
  return path.split('.').reduce<unknown>((o, p) => (o === undefined || o === null ? undefined : (o as Record<string, unknown>)[p]), exported);
}

/** The needed exports that are missing. */
export function missing(c: WriteCase): string[] {
  return c.needs.filter((n) => exportAt(n) === undefined);
}
