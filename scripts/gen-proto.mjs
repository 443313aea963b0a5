// Generates typed protobuf code from proto/*.proto into src/proto/gen/:
//   tensorflow.js + tensorflow.d.ts  static encoder/decoder classes (camelCase fields), used everywhere
//   descriptor.json (+ descriptor.js) the reflection descriptor with the .proto field names, for text format
//   fast_decode.js (+ .d.ts)          allocation-lean decoders giving the same objects as tensorflow.js's (scripts/gen-fast-decode.mjs)
// Skips the work when the outputs are newer than every .proto file.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync, readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FAST_DECODE_DTS, generateFastDecode } from './gen-fast-decode.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const protoDir = join(root, 'proto');
const outDir = join(root, 'src', 'proto', 'gen');
const protos = readdirSync(protoDir).filter((f) => f.endsWith('.proto')).sort().map((f) => join(protoDir, f));
const outputs = ['tensorflow.js', 'tensorflow.d.ts', 'descriptor.json', 'descriptor.js', 'fast_decode.js', 'fast_decode.d.ts'].map((f) => join(outDir, f));

const generators = [fileURLToPath(import.meta.url), join(root, 'scripts', 'gen-fast-decode.mjs')];
const newestInput = Math.max(...protos.map((p) => statSync(p).mtimeMs), ...generators.map((g) => statSync(g).mtimeMs));
if (outputs.every((o) => existsSync(o) && statSync(o).mtimeMs >= newestInput)) process.exit(0);

mkdirSync(outDir, { recursive: true });
const bin = (name) => join(root, 'node_modules', 'protobufjs-cli', 'bin', name);
const run = (args) => execFileSync(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 28 });

// Static module: ES6 wrapper, Long for 64-bit integers, no JSON conversion helpers (text format has its own).
const js = join(outDir, 'tensorflow.js');
run([bin('pbjs'), '-t', 'static-module', '-w', 'es6', '--force-long', '--no-convert', '--no-delimited', '--no-service', '--no-typeurl',
  '-p', protoDir, '-o', js, ...protos]);
// Node's ESM resolver wants the explicit file name of protobufjs's minimal entry point.
writeFileSync(js, readFileSync(js, 'utf8').replace(/from "protobufjs\/minimal"/g, 'from "protobufjs/minimal.js"'));
run([bin('pbts'), '--no-comments', '-o', join(outDir, 'tensorflow.d.ts'), js]);
run([bin('pbjs'), '-t', 'json', '--keep-case', '-p', protoDir, '-o', join(outDir, 'descriptor.json'), ...protos]);
// The same descriptor as an ES module (src/textformat imports it; JSON imports need flags in Node and tsc).
const descriptorText = JSON.stringify(JSON.parse(readFileSync(join(outDir, 'descriptor.json'), 'utf8')));
writeFileSync(join(outDir, 'descriptor.js'), `export default JSON.parse(${JSON.stringify(descriptorText)});\n`);
writeFileSync(join(outDir, 'descriptor.d.ts'),
  "import type { INamespace } from 'protobufjs';\ndeclare const descriptor: INamespace;\nexport default descriptor;\n");
writeFileSync(join(outDir, 'fast_decode.js'), generateFastDecode(protoDir, protos));
writeFileSync(join(outDir, 'fast_decode.d.ts'), FAST_DECODE_DTS);
console.log(`generated ${protos.length} proto files into src/proto/gen/`);
