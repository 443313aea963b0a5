import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MemoryFileSystem, toTar } from '../../src/index.js';

test('toTar: GNU tar lists and unpacks the exact files', async () => {
  const fs = new MemoryFileSystem();
  const big = new Uint8Array(1500).map((_, i) => (i * 7) & 0xff);
  const longName = 'assets/' + 'd'.repeat(120) + '/vocab.txt';
  await fs.writeFile('/m/saved_model.pb', new Uint8Array([8, 1]));
  await fs.writeFile('/m/variables/variables.data-00000-of-00001', big);
  await fs.writeFile('/m/variables/variables.index', new Uint8Array(0));
  await fs.writeFile(`/m/${longName}`, 'a\nb\n');
  await fs.writeFile('/other/x', 'not included');
  const tar = toTar(fs, '/m');
  expect(tar.byteLength % 512).toBe(0);
  const dir = mkdtempSync(join(tmpdir(), 'tar-'));
  try {
    writeFileSync(join(dir, 'm.tar'), tar);
    const listing = execFileSync('tar', ['-tf', 'm.tar'], { cwd: dir, encoding: 'utf8' }).trim().split('\n');
    expect(listing).toContain('m/saved_model.pb');
    expect(listing).toContain(`m/${longName}`);
    expect(listing.some((l) => l.startsWith('other'))).toBe(false);
    execFileSync('tar', ['-xf', 'm.tar'], { cwd: dir });
    expect(Array.from(readFileSync(join(dir, 'm/saved_model.pb')))).toEqual([8, 1]);
    expect(Buffer.compare(readFileSync(join(dir, 'm/variables/variables.data-00000-of-00001')), Buffer.from(big))).toBe(0);
    expect(readFileSync(join(dir, 'm/variables/variables.index')).byteLength).toBe(0);
    expect(readFileSync(join(dir, `m/${longName}`), 'utf8')).toBe('a\nb\n');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('toTar: an empty folder is NOT_FOUND', () => {
  expect(() => toTar(new MemoryFileSystem(), '/none')).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
});
