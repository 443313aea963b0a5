import { promises as fsp } from 'node:fs';
const path = '/tmp/bench-dev/s1/variables/variables.data-00000-of-00001';
const mode = process.argv[2];
const G = 1 << 30;
let dst: Uint8Array;
if (mode === 'wasm') { const mem = new WebAssembly.Memory({ initial: 16, maximum: 65535 }); mem.grow(16384 + 16); dst = new Uint8Array(mem.buffer, 65536 * 16, G); }
else dst = new Uint8Array(new ArrayBuffer(G));
const h = await fsp.open(path, 'r');
const c0 = process.cpuUsage(); const t0 = performance.now();
const CH = Number(process.argv[3] ?? (1 << 20));
for (let i = 0; i < G; i += CH) await h.read(dst, i, CH, i);
const c = process.cpuUsage(c0);
console.log(mode, CH, ((performance.now() - t0)).toFixed(0), 'ms wall', ((c.user + c.system) / 1000).toFixed(0), 'ms cpu', (c.system/1000).toFixed(0), 'sys');
await h.close();
