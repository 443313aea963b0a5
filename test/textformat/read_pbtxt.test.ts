/** readSavedModel reads a TensorFlow-written saved_model.pbtxt into the same message as its binary form. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MemoryFileSystem, readSavedModel } from '../../src/index.js';
import { tensorflowTextSchema } from '../../src/textformat/index.js';
import { normalize } from './normalize.js';
import { TF_GENERATED } from '../support/fixtures.js';

const dir = join(TF_GENERATED, 'textformat');

test.each(['tf2.15.1', 'tf2.21.0'])('the %s SavedModelBuilder saved_model.pbtxt reads as its binary form', async (version) => {
  const fs = new MemoryFileSystem();
  await fs.mkdir('/text');
  await fs.mkdir('/binary');
  await fs.writeFile('/text/saved_model.pbtxt', new Uint8Array(readFileSync(join(dir, version, 'builder', 'saved_model.pbtxt'))));
  await fs.writeFile('/binary/saved_model.pb', new Uint8Array(readFileSync(join(dir, version, 'builder', 'saved_model.pb'))));
  const fromText = await readSavedModel('/text', { fs });
  const fromBinary = await readSavedModel('/binary', { fs });
  const meta = fromText.metaGraphs[0]!;
  expect(meta.metaInfoDef?.tags).toEqual(['serve']);
  const signatures = meta.signatureDef!;
  expect(Object.keys(signatures)).toEqual(['serving_default']);
  expect(signatures.serving_default!.inputs!.x!.name).toBe('x:0');
  expect(signatures.serving_default!.outputs!.y!.name).toBe('y:0');
  const schema = tensorflowTextSchema();
  const info = schema.message('tensorflow.SavedModel');
  expect(normalize(schema, info, fromText as unknown as Record<string, unknown>))
    .toEqual(normalize(schema, info, fromBinary as unknown as Record<string, unknown>));
});
