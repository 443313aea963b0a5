/**
 * Loading a Yggdrasil Decision Forests model directory (what TF-DF keeps under a SavedModel's
 * assets): `header.pb` (task, label, input features), `data_spec.pb` (columns), the forest
 * header (`gradient_boosted_trees_header.pb` or `random_forest_header.pb`) and the trees, stored
 * node by node in pre-order (negative child before positive) in blob-sequence shards.
 */
import type protobuf from 'protobufjs/minimal.js';
import { SavedModelError } from '../../errors.js';
import type { FileSystem } from '../../io/index.js';
import { joinPath } from '../../io/index.js';
import { readBlobSequence } from './blob_sequence.js';
import { int64, repeated, walk } from './wire.js';

/** Column types (dataset.proto ColumnType). */
export const ColumnType = { NUMERICAL: 1, CATEGORICAL: 4, CATEGORICAL_SET: 5, BOOLEAN: 7, DISCRETIZED_NUMERICAL: 9 } as const;
/** Tasks (abstract_model.proto Task). */
export const Task = { CLASSIFICATION: 1, REGRESSION: 2 } as const;
/** GBT losses (gradient_boosted_trees.proto Loss) with a non-identity activation. */
export const Loss = { BINOMIAL_LOG_LIKELIHOOD: 1, MULTINOMIAL_LOG_LIKELIHOOD: 3, BINARY_FOCAL_LOSS: 6, POISSON: 7 } as const;

/** One data-spec column. */
export interface Column {
  type: number;
  name: string;
  /** Categorical vocabulary: value → index (0 is out-of-vocabulary). */
  vocab: Map<string, number>;
  numUnique: number;
}

/** A split condition. */
export type Condition =
  | { kind: 'na' }
  | { kind: 'higher'; threshold: number }
  | { kind: 'true' }
  | { kind: 'contains'; elements: Set<number> }
  | { kind: 'bitmap'; bitmap: Uint8Array<ArrayBufferLike> }
  | { kind: 'oblique'; attributes: number[]; weights: number[]; threshold: number; naReplacements: number[] };

/** A tree node: a split (attribute, condition, missing-value branch, children) or a leaf. */
export interface TreeNode {
  attribute: number;
  naValue: boolean;
  condition?: Condition;
  neg: number;
  pos: number;
  /** Leaf: regression value (or GBT contribution), or the top class for classification. */
  value: number;
  /** Leaf class counts (index 0 is out-of-vocabulary), RF classification. */
  distribution?: number[];
}

/** A loaded forest. */
export interface YdfModel {
  kind: 'GRADIENT_BOOSTED_TREES' | 'RANDOM_FOREST';
  task: number;
  labelColumn: number;
  inputFeatures: number[];
  columns: Column[];
  trees: TreeNode[][];
  /** GBT only. */
  loss: number;
  initialPredictions: number[];
  treesPerIter: number;
  outputLogits: boolean;
  /** RF only. */
  winnerTakeAll: boolean;
}

function decodeCondition(bytes: Uint8Array): Condition {
  let c: Condition | undefined;
  walk(bytes, (f, r, w) => {
    if (w !== 2) return false;
    const sub = r.bytes();
    if (f === 1) c = { kind: 'na' };
    else if (f === 2) {
      let threshold = 0;
      walk(sub, (g, rr) => (g === 1 ? ((threshold = rr.float()), true) : false));
      c = { kind: 'higher', threshold };
    } else if (f === 3) c = { kind: 'true' };
    else if (f === 4) {
      const el: number[] = [];
      walk(sub, (g, rr, ww) => (g === 1 ? (repeated(rr, ww, (x) => x.int32(), el), true) : false));
      c = { kind: 'contains', elements: new Set(el) };
    } else if (f === 5) {
      let bitmap: Uint8Array = new Uint8Array(0);
      walk(sub, (g, rr) => (g === 1 ? ((bitmap = rr.bytes()), true) : false));
      c = { kind: 'bitmap', bitmap };
    } else if (f === 7) {
      const o = { kind: 'oblique' as const, attributes: [] as number[], weights: [] as number[], threshold: 0, naReplacements: [] as number[] };
      walk(sub, (g, rr, ww) => {
        if (g === 1) repeated(rr, ww, (x) => x.int32(), o.attributes);
        else if (g === 2) repeated(rr, ww, (x) => x.float(), o.weights);
        else if (g === 3) o.threshold = rr.float();
        else if (g === 4) repeated(rr, ww, (x) => x.float(), o.naReplacements);
        else return false;
        return true;
      });
      c = o;
    } else {
      throw new SavedModelError('UNIMPLEMENTED', `decision tree condition type ${f} (discretized or vector-sequence splits)`);
    }
    return true;
  });
  if (!c) throw new SavedModelError('DATA_LOSS', 'decision tree node condition without a condition type');
  return c;
}

function decodeNode(bytes: Uint8Array): TreeNode {
  const n: TreeNode = { attribute: -1, naValue: false, neg: -1, pos: -1, value: 0 };
  walk(bytes, (f, r) => {
    if (f === 1) {
      walk(r.bytes(), (g, rr) => {
        if (g === 1) n.value = rr.int32();
        else if (g === 2) {
          const counts: number[] = [];
          walk(rr.bytes(), (h, r3, w3) => (h === 1 ? (repeated(r3, w3, (x) => x.double(), counts), true) : false));
          n.distribution = counts;
        } else return false;
        return true;
      });
    } else if (f === 2) {
      walk(r.bytes(), (g, rr) => (g === 1 ? ((n.value = rr.float()), true) : false));
    } else if (f === 3) {
      walk(r.bytes(), (g, rr) => {
        if (g === 1) n.naValue = rr.bool();
        else if (g === 2) n.attribute = rr.int32();
        else if (g === 3) n.condition = decodeCondition(rr.bytes());
        else return false;
        return true;
      });
    } else return false;
    return true;
  });
  return n;
}

/** Links pre-order nodes (negative subtree first) into child indices; returns the index after the subtree. */
function link(nodes: TreeNode[], at: number, what: string): number {
  if (at >= nodes.length) throw new SavedModelError('DATA_LOSS', `${what}: tree nodes end inside a subtree`);
  const n = nodes[at];
  if (!n.condition) return at + 1;
  n.neg = at + 1;
  n.pos = link(nodes, n.neg, what);
  return link(nodes, n.pos, what);
}

function decodeColumns(bytes: Uint8Array): Column[] {
  const cols: Column[] = [];
  walk(bytes, (f, r) => {
    if (f !== 1) return false;
    const c: Column = { type: 0, name: '', vocab: new Map(), numUnique: 0 };
    walk(r.bytes(), (g, rr) => {
      if (g === 1) c.type = rr.int32();
      else if (g === 2) c.name = rr.string();
      else if (g === 6) {
        walk(rr.bytes(), (h, r3) => {
          if (h === 2) c.numUnique = int64(r3);
          else if (h === 7) {
            let key = '';
            let index = 0;
            walk(r3.bytes(), (k, r4) => {
              if (k === 1) key = r4.string();
              else if (k === 2) walk(r4.bytes(), (m, r5) => (m === 1 ? ((index = int64(r5)), true) : false));
              else return false;
              return true;
            });
            c.vocab.set(key, index);
          } else return false;
          return true;
        });
      } else return false;
      return true;
    });
    cols.push(c);
    return true;
  });
  return cols;
}

async function readOptional(fs: FileSystem, path: string): Promise<Uint8Array | undefined> {
  return (await fs.exists(path)) ? fs.readFile(path) : undefined;
}

/** Loads a YDF model directory (`dir/<prefix>header.pb` …) through `fs`. */
export async function loadYdfModel(fs: FileSystem, dir: string, prefix: string): Promise<YdfModel> {
  const file = (name: string): string => joinPath(dir, prefix + name);
  const header = await readOptional(fs, file('header.pb'));
  if (!header) throw new SavedModelError('NOT_FOUND', `no Yggdrasil model at '${file('header.pb')}'`);
  const m: YdfModel = {
    kind: 'GRADIENT_BOOSTED_TREES', task: 0, labelColumn: -1, inputFeatures: [], columns: [], trees: [],
    loss: 0, initialPredictions: [], treesPerIter: 1, outputLogits: false, winnerTakeAll: true,
  };
  let name = '';
  walk(header, (f, r, w) => {
    if (f === 1) name = r.string();
    else if (f === 2) m.task = r.int32();
    else if (f === 3) m.labelColumn = r.int32();
    else if (f === 5) repeated(r, w, (x) => x.int32(), m.inputFeatures);
    else return false;
    return true;
  });
  m.columns = decodeColumns(await fs.readFile(file('data_spec.pb')));
  let shards = 1;
  let format = '';
  if (name === 'GRADIENT_BOOSTED_TREES') {
    walk(await fs.readFile(file('gradient_boosted_trees_header.pb')), (f, r: protobuf.Reader, w) => {
      if (f === 1) shards = r.int32();
      else if (f === 3) m.loss = r.int32();
      else if (f === 4) repeated(r, w, (x) => x.float(), m.initialPredictions);
      else if (f === 5) m.treesPerIter = r.int32();
      else if (f === 7) format = r.string();
      else if (f === 9) m.outputLogits = r.bool();
      else return false;
      return true;
    });
  } else if (name === 'RANDOM_FOREST') {
    m.kind = 'RANDOM_FOREST';
    walk(await fs.readFile(file('random_forest_header.pb')), (f, r) => {
      if (f === 1) shards = r.int32();
      else if (f === 3) m.winnerTakeAll = r.bool();
      else if (f === 7) format = r.string();
      else return false;
      return true;
    });
  } else {
    throw new SavedModelError('UNIMPLEMENTED', `Yggdrasil model type '${name}' (only GRADIENT_BOOSTED_TREES and RANDOM_FOREST run)`);
  }
  if (format !== 'BLOB_SEQUENCE' && format !== 'BLOB_SEQUENCE_GZIP') throw new SavedModelError('UNIMPLEMENTED', `Yggdrasil node format '${format || 'TFE_RECORDIO'}'`);
  const nodes: TreeNode[] = [];
  for (let s = 0; s < shards; s++) {
    const shard = file(`nodes-${String(s).padStart(5, '0')}-of-${String(shards).padStart(5, '0')}`);
    for (const rec of await readBlobSequence(await fs.readFile(shard), shard)) nodes.push(decodeNode(rec));
  }
  for (let at = 0; at < nodes.length;) {
    const start = at;
    at = link(nodes, at, file('nodes'));
    const tree = nodes.slice(start, at);
    for (const n of tree) if (n.condition) {
      n.neg -= start;
      n.pos -= start;
    }
    m.trees.push(tree);
  }
  return m;
}
