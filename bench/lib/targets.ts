/**
 * The keys of bench/results.json (issue 10), what each one measures, and its target.
 */

/** How a key's value compares with its target. */
export type Comparison = '<=' | '<' | '>=' | 'reported';

/** One result key. */
export interface KeyInfo {
  readonly target: number | null;
  readonly cmp: Comparison;
  /** Which clock the value is computed from. */
  readonly clock: 'wall' | 'cpu' | 'rss';
  readonly what: string;
}

export const KEYS = {
  load_1gib_vs_raw_read: { target: 1.25, cmp: '<=', clock: 'wall', what: 'loadModel of a 1 GiB SavedModel ÷ fs.readFile of its files' },
  save_1gib_vs_raw_write: { target: 1.25, cmp: '<=', clock: 'wall', what: 'saveModel of the 1 GiB module ÷ fs write of the same bytes (+fsync)' },
  load_peak_rss_over_bytes: { target: 1.15, cmp: '<=', clock: 'rss', what: 'peak RSS growth of loadModel ÷ 1 GiB' },
  save_peak_rss_over_bytes: { target: 1.15, cmp: '<=', clock: 'rss', what: 'peak RSS growth of creating + saving the module ÷ 1 GiB' },
  call_overhead_us: { target: 20, cmp: '<=', clock: 'cpu', what: 'µs per call of add_two through LoadedModel.signatures' },
  mlp_vs_tfjs: { target: 1.05, cmp: '<=', clock: 'cpu', what: 'loaded Keras MLP ÷ the same MLP in tfjs-core (WASM)' },
  cnn_vs_tfjs: { target: 1.05, cmp: '<=', clock: 'cpu', what: 'loaded Keras CNN ÷ the same CNN in tfjs-core (WASM)' },
  mlp_vs_graphmodel: { target: 1, cmp: '<', clock: 'cpu', what: 'loaded MLP ÷ tfjs-converter GraphModel on the frozen GraphDef' },
  cnn_vs_graphmodel: { target: 1, cmp: '<', clock: 'cpu', what: 'loaded CNN ÷ tfjs-converter GraphModel on the frozen GraphDef' },
  pb_decode_mb_per_s: { target: 200, cmp: '>=', clock: 'cpu', what: 'decodeSavedModel throughput on a ≥ 50 MB saved_model.pb, MB/s' },
  tf_load_ratio: { target: 1, cmp: '<', clock: 'wall', what: 'loadModel ÷ tf.saved_model.load, 1 GiB model' },
  tf_save_ratio: { target: 1, cmp: '<', clock: 'wall', what: 'saveModel ÷ tf.saved_model.save, 1 GiB module' },
  tf_cnn_infer_ratio: { target: null, cmp: 'reported', clock: 'wall', what: 'loaded CNN call ÷ TF calling the same SavedModel' },
} as const satisfies Record<string, KeyInfo>;

export type Key = keyof typeof KEYS;

/** True when `value` meets the key's target; null when there is no target or no value. */
export function meets(key: Key, value: number | null): boolean | null {
  const k: KeyInfo = KEYS[key];
  if (value === null || k.target === null || !Number.isFinite(value)) return null;
  switch (k.cmp) {
    case '<=': return value <= k.target;
    case '<': return value < k.target;
    case '>=': return value >= k.target;
    default: return null;
  }
}

/** The target as text (`≤ 1.25`, `< 1`, `≥ 200`, `reported`). */
export function targetText(key: Key): string {
  const k: KeyInfo = KEYS[key];
  if (k.target === null) return 'reported';
  return `${{ '<=': '≤', '<': '<', '>=': '≥', reported: '' }[k.cmp]} ${k.target}`;
}
