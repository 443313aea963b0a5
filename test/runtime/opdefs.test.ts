import { definedOps, getOpDef } from '../../src/graph/ops/index.js';
import { argOffsets, outputDtypes, parseOpSpec, withDefaults } from '../../src/graph/opdef.js';
import { DtypeAttr, ShapeAttr } from '../../src/graph/attrs.js';
import { supportedOps } from '../../src/runtime/registry.js';

describe('op definitions', () => {
  test('every defined op parses, and every kernel has a definition', () => {
    for (const op of definedOps()) expect(getOpDef(op)?.name).toBe(op);
    expect(supportedOps().filter((op) => !getOpDef(op))).toEqual([]);
  });

  test('TF REGISTER_OP syntax: number attrs, type lists, refs, defaults, constraints', () => {
    const def = parseOpSpec('Demo', {
      in: ['x: N * T', 'ref: Ref(T)', 'fixed: float'],
      out: ['y: Tout', 'z: int64'],
      attrs: ['Tout: list(type)', 'N: int >= 1', "padding: {'SAME', 'VALID'} = 'SAME'", 'dilations: list(int) = [1, 2]', 'eps: float = 1e-3', 'shape: shape = ?', 'Tidx: type = int32', 'flag: bool = true'],
    });
    expect(def.inputs.map((a) => [a.name, a.numberAttr, a.typeAttr, a.isRef, a.type])).toEqual([
      ['x', 'N', 'T', false, undefined], ['ref', undefined, 'T', true, undefined], ['fixed', undefined, undefined, false, 'float32'],
    ]);
    expect(def.outputs[0].typeListAttr).toBe('Tout');
    const attrs = withDefaults(def, { N: 3, Tout: [new DtypeAttr('float32'), new DtypeAttr('string')] });
    expect(attrs.padding).toBe('SAME');
    expect(attrs.dilations).toEqual([1, 2]);
    expect(attrs.eps).toBe(0.001);
    expect(attrs.flag).toBe(true);
    expect((attrs.shape as ShapeAttr).dims).toBeNull();
    expect((attrs.Tidx as DtypeAttr).dtype).toBe('int32');
    expect(argOffsets(def.inputs, attrs)).toEqual({ offsets: [0, 3, 4], total: 5 });
    expect(outputDtypes(def, attrs)).toEqual(['float32', 'string', 'int64']);
  });

  test('ParseExample outputs are counted from its attrs', () => {
    const def = getOpDef('ParseExample')!;
    const attrs = withDefaults(def, { Nsparse: 1, Ndense: 2, sparse_types: [new DtypeAttr('string')], Tdense: [new DtypeAttr('float32'), new DtypeAttr('int64')] });
    expect(outputDtypes(def, attrs)).toEqual(['int64', 'string', 'int64', 'float32', 'int64']);
  });
});
