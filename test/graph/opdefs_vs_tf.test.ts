/**
 * The op registry against TensorFlow 2.15.1's own OpDefs (src/savedmodel/op_list_data.ts,
 * generated from TF by scripts/gen-op-list.py): argument names and kinds, and every attr's kind,
 * default (present in both or in neither, and equal) and enumerated values agree, so the default
 * attrs the writer strips are the ones TF adds back, and the ones TF strips are the ones the
 * runtime fills in.
 */
import { DtypeAttr, parseAttr } from '../../src/graph/attrs.js';
import { dtypeToEnum } from '../../src/graph/dtypes.js';
import { attrValuesEqual } from '../../src/graph/export_attrs.js';
import { definedOps, getOpDef } from '../../src/graph/ops/index.js';
import { listOps } from '../../src/graph/ops/lists.js';
import type { ArgSpec } from '../../src/graph/opdef.js';
import { fromProtoJson } from '../../src/savedmodel/proto_json.js';
import { OP_LIST_DATA } from '../../src/savedmodel/op_list_data.js';

interface TfArg { name: string; type?: number; typeAttr?: string; numberAttr?: string; typeListAttr?: string; isRef?: boolean }
interface TfAttr { name: string; type: string; defaultValue?: object; allowedValues?: object }
interface TfOp { inputArg?: TfArg[]; outputArg?: TfArg[]; attr?: TfAttr[]; isStateful?: boolean }

const describeArg = (a: ArgSpec) => ({ name: a.name, type: a.type ? dtypeToEnum(a.type) : undefined, typeAttr: a.typeAttr, numberAttr: a.numberAttr, typeListAttr: a.typeListAttr });
const describeTf = (a: TfArg) => ({ name: a.name, type: a.type || undefined, typeAttr: a.typeAttr || undefined, numberAttr: a.numberAttr || undefined, typeListAttr: a.typeListAttr || undefined });

const shared = definedOps().filter((op) => OP_LIST_DATA[op]);

/** Ops whose definitions must give every enumeration TF gives (the others may leave `type` attrs open). */
const FULLY_ENUMERATED = new Set(Object.keys(listOps));

/**
 * Attrs TensorFlow added after 2.15.1 (graphs of newer versions carry them); the registry keeps
 * them, with the defaults newer TF gives, so such graphs load. Anything else TF lacks is an error.
 */
const NEWER_TF_ATTRS: Readonly<Record<string, readonly string[]>> = {
  BatchMatMul: ['grad_x', 'grad_y'], BatchMatMulV2: ['grad_x', 'grad_y'], BatchMatMulV3: ['grad_x', 'grad_y'],
  GatherNd: ['bad_indices_policy'], ScatterNd: ['bad_indices_policy'],
  TensorScatterAdd: ['bad_indices_policy'], TensorScatterSub: ['bad_indices_policy'], TensorScatterUpdate: ['bad_indices_policy'],
};

/** TF's enumerated values of an attr, as the registry writes them (dtype names or strings). */
function tfAllowed(a: TfAttr): unknown[] | undefined {
  if (!a.allowedValues) return undefined;
  const v = parseAttr(a.allowedValues);
  return (Array.isArray(v) ? v : []).map((x) => (x instanceof DtypeAttr ? x.dtype : x));
}

describe('op registry vs TensorFlow OpDefs', () => {
  test('the generated op list covers the registry', () => {
    expect(shared.length).toBeGreaterThan(250);
  });

  test.each(shared)('%s', (name) => {
    const ours = getOpDef(name)!;
    const tf = fromProtoJson('tensorflow.OpDef', OP_LIST_DATA[name]) as TfOp;
    expect(ours.inputs.map(describeArg)).toEqual((tf.inputArg ?? []).map(describeTf));
    expect(ours.outputs.map(describeArg)).toEqual((tf.outputArg ?? []).map(describeTf));
    const tfAttrs = tf.attr ?? [];
    const extra = [...ours.attrs.keys()].filter((k) => !tfAttrs.some((a) => a.name === k));
    expect(extra).toEqual(NEWER_TF_ATTRS[name] ?? []);
    for (const a of tfAttrs) {
      const spec = ours.attrs.get(a.name);
      const tfDefault = a.defaultValue ? parseAttr(a.defaultValue) : undefined;
      expect({ attr: a.name, kind: spec?.kind, default: spec?.default !== undefined }).toEqual({ attr: a.name, kind: a.type, default: tfDefault !== undefined });
      expect([a.name, attrValuesEqual(spec!.default, tfDefault)]).toEqual([a.name, true]);
      if (spec!.allowed || FULLY_ENUMERATED.has(name)) expect({ attr: a.name, allowed: spec!.allowed }).toEqual({ attr: a.name, allowed: tfAllowed(a) });
    }
  });
});

describe('the writer strips attrs by TensorFlow\'s defaults', () => {
  test('an attr TF gives no default is kept; one at TF\'s default is stripped', async () => {
    const { tfAttrDefault } = await import('../../src/savedmodel/writer_meta.js');
    expect(tfAttrDefault('EmptyTensorList', 'shape_type')).toBeUndefined();
    expect(tfAttrDefault('MatMul', 'transpose_a')).toBe(false);
    expect(tfAttrDefault('StringJoin', 'separator')).toBe('');
  });
});
