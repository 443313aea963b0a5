import * as tf from '@tensorflow/tfjs-core';
import { attr, nodeDef, placeholderNode } from '../../src/graph/build.js';
import type { AttrValueLike } from '../../src/graph/node.js';
import { Executor } from '../../src/runtime/executor.js';
import { ensureBackend } from '../../src/runtime/backend.js';
import { goldenTests } from './goldens.js';

beforeAll(() => ensureBackend());

describe('text ops match TensorFlow', () => goldenTests('text'));

describe('PrintV2', () => {
  test('writes the formatted string to the requested console stream', () => {
    const err = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      const s = tf.tensor([new TextEncoder().encode('x=[1 2]')], [], 'string');
      const print = (attrs: Record<string, AttrValueLike>): void => {
        const exec = new Executor({ node: [placeholderNode('s', 'string'), nodeDef('p', 'PrintV2', ['s'], attrs)] });
        try {
          expect(exec.run({ s }, [], ['p'])).toEqual([]);
        } finally {
          exec.dispose();
        }
      };
      print({});
      print({ output_stream: attr.s('stdout'), end: attr.s('!\n') });
      expect(err.mock.calls).toEqual([['x=[1 2]']]);
      expect(log.mock.calls).toEqual([['x=[1 2]!']]);
      expect(() => print({ output_stream: attr.s('file:///tmp/x') })).toThrow(expect.objectContaining({ code: 'UNIMPLEMENTED' }));
      s.dispose();
    } finally {
      err.mockRestore();
      log.mockRestore();
    }
  });
});
