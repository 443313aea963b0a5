import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NodeFileSystem } from '../../src/io/node.js';
import { MemoryFileSystem } from '../../src/io/memory.js';
import { isContainedRelativePath, joinPath } from '../../src/io/path.js';
import type { FileSystem } from '../../src/io/filesystem.js';
import { SavedModelError } from '../../src/errors.js';

const tmp = mkdtempSync(join(tmpdir(), 'savedmodel-io-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe.each<[string, () => { fs: FileSystem; root: string }]>([
  ['node', () => ({ fs: new NodeFileSystem(), root: mkdtempSync(join(tmp, 'n-')) })],
  ['memory', () => ({ fs: new MemoryFileSystem(), root: '/m' })],
])('%s FileSystem', (_name, make) => {
  test('write, read, range-read, list, rename, remove', async () => {
    const { fs, root } = make();
    await fs.mkdir(joinPath(root, 'a/b'));
    await fs.writeFile(joinPath(root, 'a/b/f.bin'), new Uint8Array([1, 2, 3, 4, 5]));
    expect(Array.from(await fs.readFile(joinPath(root, 'a/b/f.bin')))).toEqual([1, 2, 3, 4, 5]);
    expect(Array.from(await fs.readRange(joinPath(root, 'a/b/f.bin'), 1, 3))).toEqual([2, 3, 4]);
    expect(await fs.size(joinPath(root, 'a/b/f.bin'))).toBe(5);
    expect(await fs.list(joinPath(root, 'a/b'))).toEqual(['f.bin']);
    expect(await fs.isDirectory(joinPath(root, 'a'))).toBe(true);
    await fs.rename(joinPath(root, 'a'), joinPath(root, 'c'));
    expect(await fs.exists(joinPath(root, 'a/b/f.bin'))).toBe(false);
    expect(await fs.exists(joinPath(root, 'c/b/f.bin'))).toBe(true);
    await fs.remove(joinPath(root, 'c'));
    expect(await fs.exists(joinPath(root, 'c'))).toBe(false);
  });

  test('streaming writer is invisible until close, abort leaves nothing', async () => {
    const { fs, root } = make();
    await fs.mkdir(root);
    const w = await fs.openWriter(joinPath(root, 's.bin'));
    await w.write(new Uint8Array([7, 8]));
    await w.write(new Uint8Array([9]));
    expect(w.position).toBe(3);
    expect(await fs.exists(joinPath(root, 's.bin'))).toBe(false);
    await w.close();
    expect(Array.from(await fs.readFile(joinPath(root, 's.bin')))).toEqual([7, 8, 9]);
    const w2 = await fs.openWriter(joinPath(root, 't.bin'));
    await w2.write(new Uint8Array([1]));
    await w2.abort();
    expect(await fs.list(root)).toEqual(['s.bin']);
  });

  test('missing files and short reads are SavedModelErrors', async () => {
    const { fs, root } = make();
    await fs.mkdir(root);
    await expect(fs.readFile(joinPath(root, 'nope'))).rejects.toMatchObject({ name: 'SavedModelError', code: 'NOT_FOUND' });
    await fs.writeFile(joinPath(root, 'short'), new Uint8Array(4));
    await expect(fs.readRange(joinPath(root, 'short'), 2, 10)).rejects.toBeInstanceOf(SavedModelError);
    await expect(fs.readRange(joinPath(root, 'short'), 2, 10)).rejects.toMatchObject({ code: 'DATA_LOSS' });
  });
});

test('atomic node writes leave no temporary files behind', async () => {
  const fs = new NodeFileSystem();
  const dir = mkdtempSync(join(tmp, 'atomic-'));
  await fs.writeFile(join(dir, 'x'), 'hello');
  await fs.writeFile(join(dir, 'x'), 'again');
  expect(readdirSync(dir)).toEqual(['x']);
  expect(new TextDecoder().decode(await fs.readFile(join(dir, 'x')))).toBe('again');
});

test('contained relative paths', () => {
  expect(isContainedRelativePath('foo.txt')).toBe(true);
  expect(isContainedRelativePath('sub/foo.txt')).toBe(true);
  expect(isContainedRelativePath('../etc/passwd')).toBe(false);
  expect(isContainedRelativePath('a/../../b')).toBe(false);
  expect(isContainedRelativePath('/etc/passwd')).toBe(false);
  expect(isContainedRelativePath('a\\..\\b')).toBe(false);
  expect(isContainedRelativePath('')).toBe(false);
});
