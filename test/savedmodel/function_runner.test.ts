/**
 * functionRunner: signature outputs picked from the concrete function's results — a result named
 * by two outputs is handed out twice (the second a copy), unnamed results are freed, a result that
 * is not a tensor is an INTERNAL error with nothing left behind.
 */
import * as tf from '@tensorflow/tfjs-core';
import { ensureBackend } from '../../src/runtime/backend.js';
import { ResourceHandle, type Value } from '../../src/runtime/values.js';
import type { ObjectRuntime } from '../../src/savedmodel/object_runtime.js';
import { functionRunner } from '../../src/savedmodel/signatures.js';
import { expectThrows } from '../support/errors.js';

beforeAll(() => ensureBackend());

/** An ObjectRuntime stand-in whose function returns `make()` and records its arguments. */
function runtime(make: () => Value[]): { rt: ObjectRuntime; calls: (readonly Value[])[] } {
  const calls: (readonly Value[])[] = [];
  const rt = { call: (_fn: string, args: readonly Value[]) => (calls.push(args), make()) } as unknown as ObjectRuntime;
  return { rt, calls };
}

test('arguments by input position; a result named twice is copied, unnamed results freed', () => {
  const x = tf.tensor1d([1, 2]);
  const y = tf.tensor1d([3]);
  const before = tf.memory().numTensors;
  const { rt, calls } = runtime(() => [tf.scalar(10), tf.scalar(11), tf.scalar(12)]);
  const run = functionRunner({ fn: 'f', argKeys: ['b', 'a'], argInputs: [1, 0], resultIndex: [0, 2, 0] }, rt);
  const out = run([x, y]);
  expect(calls[0]).toEqual([y, x]);
  expect(out.map((t) => t.dataSync()[0])).toEqual([10, 12, 10]);
  expect(out[2]).not.toBe(out[0]);
  // the three outputs are live and distinct; result 1 was freed
  expect(tf.memory().numTensors).toBe(before + 3);
  tf.dispose(out);
  expect(tf.memory().numTensors).toBe(before);
  tf.dispose([x, y]);
});

test('a result that is not a tensor: INTERNAL, every result and copy freed', () => {
  const before = tf.memory().numTensors;
  const { rt } = runtime(() => [tf.scalar(1), new ResourceHandle('variable', '', 'v')]);
  const run = functionRunner({ fn: 'f', argKeys: [], argInputs: [], resultIndex: [0, 0, 1] }, rt);
  expectThrows(() => run([]), 'INTERNAL', /function 'f' result 1 is not a tensor/);
  expect(tf.memory().numTensors).toBe(before);
});
