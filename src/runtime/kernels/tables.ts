/**
 * Kernels: lookup tables (definitions: src/graph/ops/tables.ts). Tables live in the model's
 * ResourceManager; text-file initialisers read through the executor's FileSystem (async).
 */
import * as tf from '@tensorflow/tfjs-core';
import { HashTable, parseTextTable } from '../hash_table.js';
import type { KernelContext, KernelTable } from '../kernel.js';
import { ResourceHandle, expectHandle, type Value } from '../values.js';
import { hostStrings } from './host.js';
import { tfjsDtype } from '../dtypes.js';
import { resolveFileSystem } from '../../io/index.js';

function create(ctx: KernelContext): ResourceHandle {
  const h = ctx.memo(() => {
    const shared = ctx.str('shared_name') || ctx.node;
    return new ResourceHandle('hashtable', ctx.str('container'), shared);
  });
  ctx.runtime.resources.getOrCreate(h, () => new HashTable(h.name, ctx.tfDtype('key_dtype'), ctx.tfDtype('value_dtype')));
  return h;
}

function table(v: tf.Tensor, ctx: KernelContext): HashTable {
  const h = expectHandle(v as Value, `node '${ctx.node}' table_handle`);
  const t = ctx.runtime.resources.get(h);
  if (!(t instanceof HashTable)) throw ctx.error('NOT_FOUND', `table '${h.name}' does not exist (run its creating op first)`);
  return t;
}

function initialize([h, keys, values]: tf.Tensor[], ctx: KernelContext): [] {
  table(h, ctx).replace(keys, values);
  return [];
}

async function fromTextFile([h, filename]: tf.Tensor[], ctx: KernelContext): Promise<[]> {
  const t = table(h, ctx);
  const path = new TextDecoder().decode(hostStrings(filename)[0]);
  const fs = await resolveFileSystem(ctx.runtime.fs, path);
  const bytes = await fs.readFile(path);
  const keyIndex = ctx.int('key_index');
  const valueIndex = ctx.int('value_index');
  const { keys, values } = parseTextTable(
    bytes, keyIndex, valueIndex, ctx.str('delimiter'), ctx.int('vocab_size'), ctx.int('offset'),
    t.keyDtype === 'string', t.valueDtype === 'string', `node '${ctx.node}' (${path})`,
  );
  t.insertHost(keys, values);
  return [];
}

const find = ([h, keys, dflt]: tf.Tensor[], ctx: KernelContext) => table(h, ctx).find(keys, dflt);
const size = ([h]: tf.Tensor[], ctx: KernelContext) => tf.scalar(table(h, ctx).size, 'int32');

// Text-file columns: key_index / value_index are a column number, -2 (the whole line) or -1 (the line number).
export const tableKernels: KernelTable = {
  HashTable: (_, ctx) => create(ctx),
  HashTableV2: (_, ctx) => create(ctx),
  InitializeTable: initialize,
  InitializeTableV2: initialize,
  InitializeTableFromTextFile: { async: fromTextFile },
  InitializeTableFromTextFileV2: { async: fromTextFile },
  LookupTableFind: find,
  LookupTableFindV2: find,
  LookupTableImport: initialize,
  LookupTableImportV2: initialize,
  LookupTableSize: size,
  LookupTableSizeV2: size,
  LookupTableExportV2: ([h], ctx) => table(h, ctx).export(tfjsDtype(ctx.dtype('Tkeys'))),
};
