import * as tf from '@tensorflow/tfjs-core';
import { attr, constNode, nodeDef, placeholderNode } from '../../src/graph/build.js';
import { MemoryFileSystem } from '../../src/io/index.js';
import { ensureBackend } from '../../src/runtime/backend.js';
import { Executor } from '../../src/runtime/executor.js';
import { take } from './helpers.js';

beforeAll(() => ensureBackend());

const S = (...v: string[]) => tf.tensor(v, [v.length], 'string');
const tableAttrs = { key_dtype: attr.type('string'), value_dtype: attr.type('int64') };
const io = { Tin: attr.type('string'), Tout: attr.type('int64') };

describe('lookup tables', () => {
  test('HashTableV2 from tensors; find with default; size; import replaces; export', () => {
    const exec = new Executor({
      node: [
        nodeDef('table', 'HashTableV2', [], { ...tableAttrs, shared_name: attr.s('vocab') }),
        constNode('keys', ['a', 'b', 'c'], [3], 'string'),
        constNode('vals', [1, 2, 3], [3], 'int64'),
        nodeDef('init', 'InitializeTableV2', ['table', 'keys', 'vals'], { Tkey: attr.type('string'), Tval: attr.type('int64') }),
        placeholderNode('q', 'string'),
        constNode('dflt', [-1], [], 'int64'),
        nodeDef('find', 'LookupTableFindV2', ['table', 'q', 'dflt'], io),
        nodeDef('size', 'LookupTableSizeV2', ['table']),
        constNode('k2', ['z'], [1], 'string'),
        constNode('v2', [26], [1], 'int64'),
        nodeDef('import', 'LookupTableImportV2', ['table', 'k2', 'v2'], io),
        nodeDef('export', 'LookupTableExportV2', ['table'], { Tkeys: attr.type('string'), Tvalues: attr.type('int64') }),
      ],
    });
    expect(() => exec.run({ q: S('a') }, ['find'])).toThrow(/table 'vocab' is not initialized/);
    exec.run({}, [], ['init']);
    const q = tf.tensor([['c', 'x'], ['a', 'b']], [2, 2], 'string');
    expect(take(exec.run({ q }, ['find'])[0])).toEqual([[3, -1], [1, 2]]);
    expect(take(exec.run({}, ['size'])[0])).toBe(3);
    exec.run({}, [], ['import']);
    expect(take(exec.run({ q }, ['find'])[0])).toEqual([[-1, -1], [-1, -1]]);
    const [k, v] = exec.run({}, ['export:0', 'export:1']);
    expect([take(k), take(v)]).toEqual([['z'], [26]]);
    q.dispose();
    exec.resources.dispose();
    exec.dispose();
  });

  test('InitializeTableFromTextFileV2 reads a vocabulary through the FileSystem (line numbers as values)', async () => {
    const fs = new MemoryFileSystem();
    await fs.writeFile('/m/assets/vocab.txt', 'hello\nworld\r\nfoo\n');
    const exec = new Executor({
      node: [
        nodeDef('table', 'HashTableV2', [], tableAttrs),
        placeholderNode('filename', 'string'),
        nodeDef('init', 'InitializeTableFromTextFileV2', ['table', 'filename'], { key_index: attr.i(-2), value_index: attr.i(-1) }),
        placeholderNode('q', 'string'),
        constNode('dflt', [-1], [], 'int64'),
        nodeDef('find', 'LookupTableFindV2', ['table', 'q', 'dflt'], io),
      ],
    }, { fs });
    const filename = tf.scalar('/m/assets/vocab.txt', 'string');
    expect(() => exec.run({ filename }, [], ['init'])).toThrow(/only runs asynchronously/);
    await exec.runAsync({ filename }, [], ['init']);
    const q = S('foo', 'world', 'nope', 'hello');
    expect(take(exec.run({ q }, ['find'])[0])).toEqual([2, 1, -1, 0]);
    tf.dispose([filename, q]);
    exec.resources.dispose();
    exec.dispose();
  });

  test('TF1 HashTable with reference handles', () => {
    const exec = new Executor({
      node: [
        nodeDef('table', 'HashTable', [], { key_dtype: attr.type('int64'), value_dtype: attr.type('string') }),
        constNode('keys', [5, 7], [2], 'int64'),
        constNode('vals', ['five', 'seven'], [2], 'string'),
        nodeDef('init', 'InitializeTable', ['table', 'keys', 'vals'], { Tkey: attr.type('int64'), Tval: attr.type('string') }),
        placeholderNode('q', 'int32'),
        constNode('dflt', ['?'], [], 'string'),
        nodeDef('find', 'LookupTableFind', ['table', 'q', 'dflt'], { Tin: attr.type('int64'), Tout: attr.type('string') }),
      ],
    });
    exec.run({}, [], ['init']);
    const q = tf.tensor1d([7, 6, 5], 'int32');
    expect(take(exec.run({ q }, ['find'])[0])).toEqual(['seven', '?', 'five']);
    q.dispose();
    exec.resources.dispose();
    exec.dispose();
  });
});
