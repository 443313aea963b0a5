/**
 * `npm run bench:textformat`: prints and parses a synthetic GraphDef as text format at two sizes
 * (BENCH_MB/5 and BENCH_MB megabytes of text, default 50), in the Python and upb dialects.
 * Prints MB/s of each step and the time ratio large ÷ small, which stays near 5 when the work
 * is linear in the text size (a quadratic step would show about 25).
 *
 * The graph mixes what real GraphDefs hold: Const nodes with tensor_content bytes and float
 * values, op nodes with inputs, type/bool/int/shape/list attrs, and string-keyed attr maps.
 */
import Long from 'long';
import { tensorflow } from '../src/proto/index.js';
import { parseTextProto, printTextProto, type TextPrintOptions } from '../src/textformat/index.js';

const TARGET_MB = Number(process.env.BENCH_MB ?? 50);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const MB = 1e6;

function makeGraph(nodes: number): tensorflow.GraphDef {
  let seed = 12345;
  const random = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
  const node: tensorflow.INodeDef[] = [];
  for (let i = 0; i < nodes; i++) {
    if (i % 3 === 0) {
      const content = new Uint8Array(128);
      for (let k = 0; k < content.length; k++) content[k] = (random() * 256) | 0;
      node.push({
        name: `layer_${i}/kernel/Initializer/const`, op: 'Const', device: '/device:CPU:0',
        attr: {
          dtype: { type: tensorflow.DataType.DT_FLOAT },
          value: {
            tensor: {
              dtype: tensorflow.DataType.DT_FLOAT, tensorShape: { dim: [{ size: Long.fromNumber(8) }, { size: Long.fromNumber(4) }] },
              tensorContent: content, floatVal: [random(), -random() * 1e-7, random() * 1e20],
            },
          },
        },
      });
    } else {
      node.push({
        name: `layer_${i}/MatMul`, op: 'MatMul', input: [`layer_${i - 1}/MatMul`, `layer_${i - 1}/kernel/Read`, '^init'],
        attr: {
          T: { type: tensorflow.DataType.DT_FLOAT },
          transpose_a: { b: false },
          transpose_b: { b: true },
          _output_shapes: { list: { shape: [{ dim: [{ size: Long.fromNumber(-1) }, { size: Long.fromNumber(4) }] }] } },
          _class: { list: { s: [new TextEncoder().encode(`loc:@layer_${i}/kernel`)] } },
          alpha: { f: random() },
        },
      });
    }
  }
  const graph = tensorflow.GraphDef.create({ node, versions: { producer: 1645, minConsumer: 12 } });
  // Through the wire format, so the objects are exactly what decode yields.
  return tensorflow.GraphDef.decode(tensorflow.GraphDef.encode(graph).finish());
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function time<T>(fn: () => T): [T, number] {
  const t0 = performance.now();
  const r = fn();
  return [r, (performance.now() - t0) / 1000];
}

function measure(graph: tensorflow.GraphDef, options: TextPrintOptions): { mb: number; print: number; parse: number } {
  let text = '';
  const prints: number[] = [];
  const parses: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    const [t, p] = time(() => printTextProto('tensorflow.GraphDef', graph, options));
    text = t;
    prints.push(p);
    const [, q] = time(() => parseTextProto('tensorflow.GraphDef', text));
    parses.push(q);
  }
  return { mb: text.length / MB, print: median(prints), parse: median(parses) };
}

// Calibrate nodes per MB of text.
const probe = printTextProto('tensorflow.GraphDef', makeGraph(1000));
const nodesPerMb = 1000 / (probe.length / MB);
const small = makeGraph(Math.round((nodesPerMb * TARGET_MB) / 5));
const large = makeGraph(Math.round(nodesPerMb * TARGET_MB));

for (const [name, options] of [['python', {}], ['upb', { dialect: 'upb' }]] as [string, TextPrintOptions][]) {
  const a = measure(small, options);
  const b = measure(large, options);
  console.log(
    `${name.padEnd(7)} ${a.mb.toFixed(1)} MB: print ${(a.mb / a.print).toFixed(1)} MB/s, parse ${(a.mb / a.parse).toFixed(1)} MB/s | ` +
      `${b.mb.toFixed(1)} MB: print ${(b.mb / b.print).toFixed(1)} MB/s (${b.print.toFixed(2)} s), ` +
      `parse ${(b.mb / b.parse).toFixed(1)} MB/s (${b.parse.toFixed(2)} s) | ` +
      `time ratio for ${(b.mb / a.mb).toFixed(1)}× the text: print ${(b.print / a.print).toFixed(1)}, parse ${(b.parse / a.parse).toFixed(1)}`,
  );
}
console.log(`peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`);
