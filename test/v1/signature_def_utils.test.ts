import { readSavedModel } from '../../src/savedmodel/reader.js';
import {
  buildSignatureDef,
  buildTensorInfo,
  classificationSignatureDef,
  isValidSignature,
  predictSignatureDef,
  regressionSignatureDef,
} from '../../src/v1/signature_def_utils.js';
import { tensorflow } from '../../src/proto/index.js';
import { fixture, TF_VERSIONS, metaGraphs } from './fixtures.js';

const t = (name: string, dtype: string, shape: number[] | null) => ({ name, dtype, shape });
const enc = (m: object, type: { encode(m: object): { finish(): Uint8Array } }) => Buffer.from(type.encode(m).finish()).toString('hex');

describe('signature def utils', () => {
  test.each(TF_VERSIONS)('predictSignatureDef of the guide graph equals what TF %s wrote (byte for byte)', async (v) => {
    const tfWritten = (await metaGraphs(fixture(v, 'guide_builder')))[0].signatureDef.serving_default;
    const ours = predictSignatureDef({ inputs: { input: t('Placeholder:0', 'float32', []) }, outputs: { output: t('add:0', 'float32', []) } });
    expect(enc(ours, tensorflow.SignatureDef)).toBe(enc(tfWritten, tensorflow.SignatureDef));
  });

  test.each(TF_VERSIONS)('classify and regress signatures equal the ones MethodNameUpdater left in TF %s', async (v) => {
    const sigs = (await metaGraphs(fixture(v, 'method_name_updater')))[0].signatureDef;
    const classify = classificationSignatureDef(t('classify_x_to_y_inputs:0', 'string', [-1]), t('StatefulPartitionedCall:0', 'string', [-1, 1]), t('StatefulPartitionedCall:1', 'float32', [-1, 1]));
    const regress = regressionSignatureDef(t('regress_x_to_y_inputs:0', 'string', [-1]), t('StatefulPartitionedCall_1:0', 'float32', [-1, 1]));
    expect(enc(classify, tensorflow.SignatureDef)).toBe(enc(sigs.classify_x_to_y, tensorflow.SignatureDef));
    expect(enc(regress, tensorflow.SignatureDef)).toBe(enc(sigs.regress_x_to_y, tensorflow.SignatureDef));
    expect(isValidSignature(sigs.classify_x_to_y)).toBe(true);
    expect(isValidSignature(sigs.regress_x_to_y)).toBe(true);
    expect(isValidSignature(sigs.__saved_model_init_op)).toBe(false);
  });

  test('buildTensorInfo: unknown rank and unknown dims', () => {
    const info = buildTensorInfo(t('x:0', 'int64', null));
    expect(info.tensorShape?.unknownRank).toBe(true);
    expect(info.dtype).toBe(9);
    const dims = buildTensorInfo(t('y:1', 'float32', [-1, 3])).tensorShape!.dim!.map((d) => Number(d.size));
    expect(dims).toEqual([-1, 3]);
  });

  test('type checks and messages follow TensorFlow', () => {
    expect(() => predictSignatureDef({ inputs: {}, outputs: { y: t('y:0', 'float32', []) } })).toThrow('Prediction `inputs` cannot be None or empty.');
    expect(() => regressionSignatureDef(t('x:0', 'float32', [-1]), t('y:0', 'float32', [-1]))).toThrow(/Regression input tensors must be of type string. Found tensors with type float32/);
    expect(() => regressionSignatureDef(t('x:0', 'string', [-1]), t('y:0', 'int32', [-1]))).toThrow(/Regression output tensors must be of type float/);
    expect(() => classificationSignatureDef(t('x:0', 'string', [-1]))).toThrow('cannot both be None');
    expect(() => classificationSignatureDef(t('x:0', 'string', [-1]), t('c:0', 'int64', [-1]))).toThrow(/classes must be of type string/);
    expect(() => classificationSignatureDef(t('x:0', 'string', [-1]), null, t('s:0', 'float64', [-1]))).toThrow(/scores must be a float Tensor/);
    expect(() => buildTensorInfo(42 as never)).toThrow(/expects a graph tensor/);
  });

  test('isValidSignature rejects what Serving cannot serve', () => {
    const info = (dtype: number) => ({ name: 'a:0', dtype });
    expect(isValidSignature(buildSignatureDef({ x: info(1) }, {}, 'tensorflow/serving/predict'))).toBe(false);
    expect(isValidSignature(buildSignatureDef({ inputs: info(7) }, { outputs: info(2) }, 'tensorflow/serving/regress'))).toBe(false);
    expect(isValidSignature(buildSignatureDef({ inputs: info(7) }, { classes: info(7), other: info(1) }, 'tensorflow/serving/classify'))).toBe(false);
    expect(isValidSignature(buildSignatureDef({ inputs: info(7) }, { scores: info(1) }, 'tensorflow/serving/classify'))).toBe(true);
    expect(isValidSignature(buildSignatureDef({ x: info(1) }, { y: info(1) }, 'custom'))).toBe(false);
    expect(isValidSignature(null)).toBe(false);
  });

  test('buildSignatureDef sorts keys and keeps defaults', () => {
    const sig = buildSignatureDef({ b: { name: 'b:0', dtype: 1 }, a: { name: 'a:0', dtype: 1 } }, { y: { name: 'y:0', dtype: 1 } }, 'm', { a: { dtype: 1, floatVal: [2.5] } });
    expect(Object.keys(sig.inputs)).toEqual(['a', 'b']);
    const back = tensorflow.SignatureDef.decode(tensorflow.SignatureDef.encode(sig).finish());
    expect(back.defaults.a.floatVal).toEqual([2.5]);
    expect(back.methodName).toBe('m');
  });
});
