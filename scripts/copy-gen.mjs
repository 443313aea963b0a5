// Copies the generated protobuf code (plain JS + .d.ts, not compiled by tsc) into dist/.
import { cpSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
cpSync(join(root, 'src', 'proto', 'gen'), join(root, 'dist', 'proto', 'gen'), { recursive: true });
