import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readSavedModel } from '../../src/savedmodel/reader.js';
import { tensorflow } from '../../src/proto/index.js';
import { printTextProto, TF_TEXT_STYLES } from '../../src/textformat/index.js';
import { MethodNameUpdater } from '../../src/v1/method_name_updater.js';
import { fixture, memoryCopy, TF_VERSIONS, metaGraphs } from './fixtures.js';

describe('MethodNameUpdater', () => {
  test.each(TF_VERSIONS)('round trip on the TF %s export: predict and back gives the same bytes', async (v) => {
    const src = fixture(v, 'method_name_updater');
    const original = new Uint8Array(readFileSync(join(src, 'saved_model.pb')));
    const fs = await memoryCopy(src);
    const u = new MethodNameUpdater('/model', { fs });
    u.replaceMethodName('classify_x_to_y', 'tensorflow/serving/predict', 'serve');
    u.replaceMethodName('regress_x_to_y', 'tensorflow/serving/predict');
    expect(await u.save()).toBe('/model/saved_model.pb');
    const changed = await readSavedModel('/model', { fs });
    expect(changed.metaGraphs[0]!.signatureDef!.classify_x_to_y.methodName).toBe('tensorflow/serving/predict');
    expect(changed.metaGraphs[0]!.signatureDef!.regress_x_to_y.methodName).toBe('tensorflow/serving/predict');
    // The variables and everything else are untouched.
    expect(await fs.exists('/model/variables/variables.index')).toBe(true);

    const back = new MethodNameUpdater('/model', { fs });
    back.replaceMethodName('classify_x_to_y', 'tensorflow/serving/classify', ['serve']);
    back.replaceMethodName('regress_x_to_y', 'tensorflow/serving/regress', 'serve');
    await back.save();
    // Same bytes as TensorFlow's deterministic serialization: nothing was lost or reordered.
    expect(Buffer.from(await fs.readFile('/model/saved_model.pb')).equals(Buffer.from(original))).toBe(true);
  });

  test('a text SavedModel is rewritten as text; a new export dir gets only the SavedModel file', async () => {
    const src = fixture(TF_VERSIONS[0], 'method_name_updater');
    const fs = await memoryCopy(src);
    const sm = tensorflow.SavedModel.decode(await fs.readFile('/model/saved_model.pb'));
    await fs.remove('/model/saved_model.pb');
    await fs.writeFile('/model/saved_model.pbtxt', printTextProto('tensorflow.SavedModel', sm, TF_TEXT_STYLES.savedModelPbtxt));
    const u = new MethodNameUpdater('/model', { fs });
    u.replaceMethodName('regress_x_to_y', 'tensorflow/serving/predict');
    expect(await u.save()).toBe('/model/saved_model.pbtxt');
    expect((await readSavedModel('/model', { fs })).metaGraphs[0]!.signatureDef!.regress_x_to_y.methodName).toBe('tensorflow/serving/predict');
    u.replaceMethodName('classify_x_to_y', 'x/y');
    expect(await u.save('/other')).toBe('/other/saved_model.pbtxt');
    expect(await fs.list('/other')).toEqual(['saved_model.pbtxt']);
    const other = (await readSavedModel('/other', { fs })).metaGraphs[0]!.signatureDef!;
    expect([other.classify_x_to_y.methodName, other.regress_x_to_y.methodName]).toEqual(['x/y', 'tensorflow/serving/predict']);
  });

  test('unknown tags or signature keys are INVALID_ARGUMENT naming what exists, and nothing is written', async () => {
    const fs = await memoryCopy(fixture(TF_VERSIONS[0], 'method_name_updater'));
    const before = await fs.readFile('/model/saved_model.pb');
    const badTags = new MethodNameUpdater('/model', { fs }).replaceMethodName('classify_x_to_y', 'm', 'train');
    await expect(badTags.save()).rejects.toMatchObject({ code: 'INVALID_ARGUMENT', message: expect.stringMatching(/tags \[train\] could not be found.*\[serve\]/) });
    const badKey = new MethodNameUpdater('/model', { fs }).replaceMethodName('nope', 'm');
    await expect(badKey.save()).rejects.toMatchObject({ code: 'INVALID_ARGUMENT', message: expect.stringMatching(/signature_def with key: 'nope'.*classify_x_to_y/) });
    expect(await fs.readFile('/model/saved_model.pb')).toBe(before);
    expect(() => new MethodNameUpdater('/model').replaceMethodName('', 'm')).toThrow('`signature_key` must be defined.');
    await expect(new MethodNameUpdater('/missing', { fs }).save()).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
