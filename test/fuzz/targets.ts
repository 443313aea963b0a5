/**
 * Fuzz targets: each takes bytes derived from real TensorFlow-written files and must either
 * succeed or fail with a SavedModelError — never another exception type, never a hang.
 * Used by the quick set in `npm test` (test/fuzz/fuzz.test.ts) and by `npm run fuzz` (long runs).
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import fc from 'fast-check';
import * as tf from '@tensorflow/tfjs-core';
import { BundleReader, MemoryFileSystem, decodeSavedModel, isSavedModelError, loadModel, parseTextProto, printTextProto } from '../../src/index.js';
import { ensureBackend } from '../../src/runtime/backend.js';
import { applyEdits, editArb, mutatedBytes } from './mutate.js';
import { FIXTURES_TF, TF_GENERATED, filesUnder } from '../support/fixtures.js';

const SEED_DIRS = [TF_GENERATED, FIXTURES_TF];

function findFiles(pred: (name: string) => boolean): string[] {
  return SEED_DIRS.flatMap((d) => filesUnder(d, pred));
}

const read = (p: string) => new Uint8Array(readFileSync(p));
const SMALL = 64 * 1024;

/** Seeds: the smaller TF-written files of each kind (large ones slow every case down). */
function seeds() {
  const pbs = findFiles((n) => n === 'saved_model.pb').map(read).filter((b) => b.length <= SMALL);
  const bundles = findFiles((n) => n.endsWith('.index'))
    .map((p) => p.slice(0, -'.index'.length))
    .filter((prefix) => existsSync(`${prefix}.data-00000-of-00001`) && statSync(`${prefix}.data-00000-of-00001`).size <= SMALL);
  const checkpointStates = findFiles((n) => n === 'checkpoint').map(read);
  // Whole small models with golden inputs (TF-written, committed): for the loader target.
  const models = findFiles((n) => n === 'golden.json')
    .map((p) => p.slice(0, -'/golden.json'.length))
    .filter((d) => existsSync(join(d, 'saved_model.pb')) && statSync(join(d, 'saved_model.pb')).size <= SMALL)
    .map((dir) => ({ dir, files: modelFiles(dir), calls: goldenSignatureInputs(join(dir, 'golden.json')) }))
    .filter((m) => m.files.size <= 16 && [...m.files.values()].every((b) => b.length <= SMALL));
  return { pbs, bundles: [...new Set(bundles)], checkpointStates, models };
}

function modelFiles(dir: string): Map<string, Uint8Array> {
  return new Map(filesUnder(dir, (n) => n !== 'golden.json').map((p) => [relative(dir, p), read(p)]));
}

export type GoldenInputs = { signature: string; inputs: Record<string, { dtype: string; shape: number[]; values: unknown[] }> }[];
function goldenSignatureInputs(path: string): GoldenInputs {
  const g = JSON.parse(readFileSync(path, 'utf8')) as { calls?: GoldenInputs };
  return (g.calls ?? []).filter((c) => c.signature && Object.values(c.inputs ?? {}).every((v) => v.dtype !== 'string'));
}

let cached: ReturnType<typeof seeds> | undefined;
/** The seed files (computed once). */
export const S = () => (cached ??= seeds());

/** Runs `fn`; resolves when it succeeds or throws a SavedModelError, rejects with a clear message otherwise. */
export async function expectTypedOutcome(what: string, fn: () => unknown): Promise<void> {
  try {
    await fn();
  } catch (e) {
    if (isSavedModelError(e)) return;
    throw new Error(`${what}: expected success or SavedModelError, got ${(e as Error)?.name}: ${(e as Error)?.message}`, { cause: e });
  }
}

const latin1 = new TextDecoder('latin1');
const utf8 = new TextDecoder();

/** A named fuzz property. */
export interface FuzzTarget {
  name: string;
  property: () => fc.IAsyncPropertyWithHooks<unknown[]> | fc.IAsyncProperty<unknown[]>;
}

async function bundleFs(prefix: string, index: Uint8Array, data: Uint8Array): Promise<MemoryFileSystem> {
  const fs = new MemoryFileSystem();
  await fs.writeFile('/b/v.index', index);
  await fs.writeFile('/b/v.data-00000-of-00001', data);
  void prefix;
  return fs;
}

async function readAll(reader: BundleReader): Promise<void> {
  for (const k of reader.keys()) await reader.read(k);
}

/** Loads a model whose files may be mutated and calls each golden signature; disposes everything. */
export async function loadAndCall(files: ReadonlyMap<string, Uint8Array>, calls: GoldenInputs): Promise<void> {
  const fs = new MemoryFileSystem();
  for (const [rel, bytes] of files) await fs.writeFile(`/m/${rel}`, bytes);
  await ensureBackend();
  const before = tf.memory().numTensors;
  const model = await loadModel('/m', { fs });
  try {
    for (const c of calls) {
      const sig = model.signatures[c.signature];
      if (!sig) continue;
      const inputs = Object.fromEntries(Object.entries(c.inputs).map(([k, v]) => [k, tf.tensor(v.values as number[], v.shape, v.dtype === 'bool' ? 'bool' : v.dtype.startsWith('float') ? 'float32' : 'int32')]));
      try {
        tf.dispose(Object.values(sig(inputs)));
      } finally {
        tf.dispose(Object.values(inputs));
      }
    }
  } finally {
    model.dispose();
  }
  if (tf.memory().numTensors !== before) throw new Error(`tensors leaked: ${tf.memory().numTensors - before}`);
}

export const TARGETS: FuzzTarget[] = [
  {
    name: 'saved_model.pb decode',
    property: () => fc.asyncProperty(mutatedBytes(S().pbs), async (bytes) => {
      await expectTypedOutcome('decodeSavedModel', () => decodeSavedModel(bytes));
    }),
  },
  {
    name: 'saved_model.pbtxt parse',
    property: () => {
      const texts = S().pbs.slice(0, 6).map((b) => new TextEncoder().encode(printTextProto('tensorflow.SavedModel', decodeSavedModel(b))));
      return fc.asyncProperty(mutatedBytes(texts), fc.boolean(), async (bytes, asLatin1) => {
        const text = (asLatin1 ? latin1 : utf8).decode(bytes);
        await expectTypedOutcome('parseTextProto(SavedModel)', () => parseTextProto('tensorflow.SavedModel', text));
      });
    },
  },
  {
    name: 'checkpoint state parse',
    property: () => fc.asyncProperty(mutatedBytes(S().checkpointStates), async (bytes) => {
      await expectTypedOutcome('parseTextProto(CheckpointState)', () => parseTextProto('tensorflow.CheckpointState', utf8.decode(bytes)));
    }),
  },
  {
    name: 'variables.index open + read',
    property: () => {
      const bundles = S().bundles.map((p) => ({ index: read(`${p}.index`), data: read(`${p}.data-00000-of-00001`) }));
      return fc.asyncProperty(fc.nat({ max: bundles.length - 1 }).chain((i) => fc.tuple(fc.constant(i), mutatedBytes([bundles[i].index]))), async ([i, index]) => {
        const fs = await bundleFs('', index, bundles[i].data);
        await expectTypedOutcome('BundleReader on a mutated index', async () => readAll(await BundleReader.open('/b/v', { fs })));
      });
    },
  },
  {
    name: 'data shard bit flip is detected',
    property: () => {
      const bundles = S().bundles.map((p) => ({ index: read(`${p}.index`), data: read(`${p}.data-00000-of-00001`) })).filter((b) => b.data.length > 0);
      return fc.asyncProperty(
        fc.nat({ max: bundles.length - 1 }), fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }), fc.integer({ min: 0, max: 7 }),
        async (i, where, bit) => {
          const { index, data } = bundles[i];
          const at = Math.floor(where * data.length);
          const flipped = data.slice();
          flipped[at] ^= 1 << bit;
          const fs = await bundleFs('', index, flipped);
          const reader = await BundleReader.open('/b/v', { fs });
          for (const key of reader.keys()) {
            const e = reader.entry(key);
            const covers = e.shardId === 0 && at >= e.offset && at < e.offset + e.size;
            let err: unknown;
            try { await reader.read(key); } catch (x) { err = x; }
            if (covers && !(isSavedModelError(err) && err.code === 'DATA_LOSS')) {
              throw new Error(`bit ${bit} of byte ${at} flipped inside '${key}' [${e.offset}, ${e.offset + e.size}) was not detected (${String(err)})`);
            }
            if (!covers && err !== undefined) throw new Error(`'${key}' failed although the flip at ${at} is outside it: ${String(err)}`);
          }
        },
      );
    },
  },
  {
    name: 'loadModel + signature calls',
    property: () => {
      const models = S().models;
      const mutatedModel = fc.nat({ max: models.length - 1 }).chain((i) => {
        const names = [...models[i].files.keys()].filter((n) => n === 'saved_model.pb' || n.endsWith('.index'));
        return fc.tuple(fc.constant(i), fc.constantFrom(...names), fc.array(editArb, { minLength: 1, maxLength: 3 }));
      });
      return fc.asyncProperty(mutatedModel, async ([i, name, edits]) => {
        const files = new Map(models[i].files);
        files.set(name, applyEdits(files.get(name)!, edits));
        await expectTypedOutcome(`loadModel with a mutated ${name}`, () => loadAndCall(files, models[i].calls));
      });
    },
  },
];
