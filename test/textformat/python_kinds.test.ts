/**
 * The printer reproduces Python protobuf's text byte for byte, and the parser reads what Python
 * reads into the same message, on kinds.proto messages (every field kind, edge values, random
 * floats) whose ground truth interop/gen/textformat_kinds.py wrote with protobuf 4.25 and 7.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import protobuf from 'protobufjs';
import { isSavedModelError } from '../../src/errors.js';
import { parseText, printText } from '../../src/textformat/text_format.js';
import { descriptor, fromHex, Kinds, kindsCaseFiles, plain, schema } from './kinds.js';

const files = kindsCaseFiles();

test('the committed kinds.json is the descriptor of kinds.proto', () => {
  const committed = JSON.parse(readFileSync(join(__dirname, 'testdata', 'kinds.json'), 'utf8')) as unknown;
  expect(committed).toEqual(JSON.parse(JSON.stringify(descriptor)));
});

test('ground truth from at least two protobuf versions is present', () => {
  expect(files.map(([, f]) => f.protobuf.split('.')[0])).toEqual(expect.arrayContaining(['4', '7']));
});

describe.each(files)('%s', (_file, data) => {
  const major = Number(data.protobuf.split('.')[0]);
  const decode = (hex: string) => Kinds.decode(fromHex(hex));

  test.each(data.cases.map((c) => [c.name, c] as const))('prints %s as MessageToString(as_utf8=False)', (_n, c) => {
    expect(printText(schema, 'tftest.Kinds', decode(c.binary))).toBe(c.ascii);
  });

  if (major >= 7) {
    test.each(data.cases.map((c) => [c.name, c] as const))('prints %s as MessageToString(as_utf8=True)', (_n, c) => {
      expect(printText(schema, 'tftest.Kinds', decode(c.binary), { asUtf8: true })).toBe(c.utf8);
    });
  }

  test.each(data.cases.map((c) => [c.name, c] as const))('prints %s as str() (upb)', (_n, c) => {
    const dialect = major >= 7 ? 'upb' : 'upb-4';
    expect(printText(schema, 'tftest.Kinds', decode(c.binary), { dialect })).toBe(c.str);
  });

  const withRepr = data.cases.filter((c) => c.floatRepr !== undefined);
  if (withRepr.length > 0) {
    test.each(withRepr.map((c) => [c.name, c] as const))("prints %s as MessageToString(float_format='')", (_n, c) => {
      expect(printText(schema, 'tftest.Kinds', decode(c.binary), { floatFormat: 'repr' })).toBe(c.floatRepr);
    });
  }

  test.each(data.cases.map((c) => [c.name, c] as const))('parses every printed form of %s back to the message', (_n, c) => {
    const expected = plain(Kinds, decode(c.binary));
    const forms = [c.ascii, c.utf8, c.str, ...(c.floatRepr === undefined ? [] : [c.floatRepr])];
    for (const text of forms) {
      const parsed = parseText(schema, 'tftest.Kinds', text);
      // float_format='' and str() write float32 values with more digits; they still read back exactly.
      expect(plain(Kinds, parsed)).toEqual(expected);
    }
  });

  // protobuf 4's Python parser writes \u escapes in bytes fields as Latin-1 and leaves \U alone;
  // protobuf 7 and C++ write their UTF-8, as we do.
  const parseCases = data.parse.filter((p) => major >= 7 || !/by: "[^"]*\\[uU]/.test(p.text));
  test.each(parseCases.map((p) => [p.text, p] as const))('parses %j as Python does', (_t, p) => {
    const parsed = parseText(schema, 'tftest.Kinds', p.text);
    expect(plain(Kinds, parsed)).toEqual(plain(Kinds, decode(p.binary)));
  });

  // Python reports some errors after the offending token or without a position; C++ and we report its start.
  const positionDiffers = /should not have multiple|Expected "}"|does not have extensions|not found in descriptor pool/;
  test.each(data.errors.map((e) => [e.text, e] as const))('rejects %j', (_t, e) => {
    let error: unknown;
    try {
      parseText(schema, 'tftest.Kinds', e.text);
    } catch (err) {
      error = err;
    }
    expect(isSavedModelError(error)).toBe(true);
    const err = error as { code: string; message: string };
    expect(err.code).toBe('INVALID_ARGUMENT');
    const at = /, (\d+):(\d+): /.exec(err.message);
    expect(at).not.toBeNull();
    if (!positionDiffers.test(e.error)) {
      expect([Number(at![1]), Number(at![2])]).toEqual([e.line, e.column]);
    }
  });
});

test('binary re-encoding of parsed messages equals the original bytes where no map is involved', () => {
  for (const [, data] of files) {
    for (const c of data.cases.filter((x) => !x.name.startsWith('maps'))) {
      const parsed = parseText(schema, 'tftest.Kinds', c.ascii);
      const bytes = Kinds.encode(parsed as unknown as protobuf.Message).finish();
      expect(Buffer.from(bytes).toString('hex')).toBe(c.binary);
    }
  }
});
