/** Test helpers: run one op through the real executor, check leaks. */
import * as tf from '@tensorflow/tfjs-core';
import { nodeDef, placeholderNode } from '../../src/graph/build.js';
import type { AttrValueLike, NodeDefLike } from '../../src/graph/node.js';
import { getOpDef } from '../../src/graph/ops/index.js';
import { argOffsets } from '../../src/graph/opdef.js';
import { parseAttrMap } from '../../src/graph/attrs.js';
import { withDefaults } from '../../src/graph/opdef.js';
import { Executor } from '../../src/runtime/executor.js';
import { tfDtypeOfTfjs } from '../../src/runtime/dtypes.js';

/**
 * Runs `op` on `inputs` (fed through Placeholders) with `attrs`; returns every output as a new
 * tensor. Also asserts that no tensor leaked.
 */
export function runOp(op: string, inputs: tf.Tensor[], attrs: Record<string, AttrValueLike> = {}, extra: NodeDefLike[] = []): tf.Tensor[] {
  const def = getOpDef(op);
  if (!def) throw new Error(`no op definition for ${op}`);
  const nodes: NodeDefLike[] = inputs.map((t, i) => placeholderNode(`in${i}`, tfDtypeOfTfjs(t.dtype)));
  nodes.push(...extra);
  nodes.push(nodeDef('op', op, inputs.map((_, i) => `in${i}`), attrs));
  const n = argOffsets(def.outputs, withDefaults(def, parseAttrMap(attrs))).total;
  const exec = new Executor({ node: nodes });
  const before = tf.memory().numTensors;
  const feeds: Record<string, tf.Tensor> = {};
  inputs.forEach((t, i) => (feeds[`in${i}:0`] = t));
  const out = exec.run(feeds, Array.from({ length: n }, (_, i) => `op:${i}`));
  exec.dispose();
  expect(tf.memory().numTensors).toBe(before + out.length);
  return out;
}

/** Values of a tensor as a nested array, then disposes it. */
export function take(t: tf.Tensor): unknown {
  const v = t.arraySync();
  t.dispose();
  return v;
}
