// The page's logic: load a SavedModel over HTTP and run a signature; or save a model into memory,
// reload it and offer its files as a tar download. `?model=…&signature=…&inputs=…&autorun=1`
// runs at once (the browser test uses that); `?save=1` runs the save story.
import * as sm from '../../dist/browser/savedmodel.js';

const $ = (id) => document.getElementById(id);
const show = (status, result) => {
  $('status').textContent = status;
  $('result').textContent = JSON.stringify(result, null, 2);
};

/** A tensor as plain data for display (and for the test to compare). */
async function plain(t) {
  return { dtype: t.dtype, shape: t.shape, values: Array.from(await t.data()) };
}

async function loadAndRun(modelUrl, signatureKey, inputs) {
  const started = performance.now();
  const model = await sm.loadModel(new URL(modelUrl, location.href).href);
  try {
    const signature = model.signatures[signatureKey];
    if (!signature) throw new Error(`no signature '${signatureKey}'; the model has: ${Object.keys(model.signatures).join(', ')}`);
    const outputs = signature(inputs);
    const result = {};
    for (const [name, t] of Object.entries(outputs)) {
      result[name] = await plain(t);
      t.dispose();
    }
    return { signatures: Object.keys(model.signatures).sort(), outputs: result, ms: Math.round(performance.now() - started) };
  } finally {
    model.dispose();
  }
}

/** y = x · w + b in a Module, saved to a MemoryFileSystem, reloaded from it, and offered as a tar. */
async function saveReloadDownload() {
  await sm.ready(); // Variables hold tensors: the WASM backend must be up first
  const fs = new sm.MemoryFileSystem();
  const module = new sm.Module('affine');
  module.w = new sm.Variable([[2], [3]], { name: 'w' });
  module.b = new sm.Variable([1], { name: 'b' });
  module.__call__ = sm.tfFunction((x) => sm.ops.add(sm.ops.matMul(x, module.w), module.b), {
    inputSignature: [new sm.TensorSpec([null, 2], 'float32', 'x')],
  });
  await sm.saveModel(module, '/affine', { fs, signatures: module.__call__ });
  const loaded = await sm.loadModel('/affine', { fs });
  const y = loaded.signatures.serving_default({ x: [[1, 1], [2, 0]] });
  const result = {};
  for (const [name, t] of Object.entries(y)) { result[name] = await plain(t); t.dispose(); }
  loaded.dispose();
  const files = [...fs.entries().keys()].filter((p) => p.startsWith('/affine/')).sort();
  const tar = sm.toTar(fs, '/affine');
  const link = document.createElement('a');
  link.href = URL.createObjectURL(new Blob([tar], { type: 'application/x-tar' }));
  link.download = 'affine_savedmodel.tar';
  link.id = 'download';
  link.textContent = `download affine_savedmodel.tar (${tar.byteLength} bytes)`;
  document.body.append(link);
  return { files, outputs: result, tarBytes: tar.byteLength };
}

async function guarded(what, fn) {
  show(`${what}…`, {});
  try {
    show('done', await fn());
  } catch (e) {
    show('error', { name: e?.name, code: e?.code, message: String(e?.message ?? e) });
  }
}

$('form').addEventListener('submit', (ev) => {
  ev.preventDefault();
  guarded('running', () => loadAndRun($('model').value, $('signature').value, JSON.parse($('inputs').value)));
});
$('save').addEventListener('click', () => guarded('saving', saveReloadDownload));

const params = new URLSearchParams(location.search);
for (const k of ['model', 'signature', 'inputs']) if (params.has(k)) $(k).value = params.get(k);
if (params.get('autorun') === '1') guarded('running', () => loadAndRun($('model').value, $('signature').value, JSON.parse($('inputs').value)));
else if (params.get('save') === '1') guarded('saving', saveReloadDownload);
