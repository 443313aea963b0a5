/**
 * Parser and printer rules beyond the Python ground truth: C++-only syntax, limits, errors with
 * line:column, values given as plain JS, the C++ dialect, and random round trips in every dialect.
 */
import fc from 'fast-check';
import protobuf from 'protobufjs';
import { formatG } from '../../src/textformat/floats.js';
import { parseText, printText } from '../../src/textformat/text_format.js';
import type { TextPrintOptions } from '../../src/textformat/printer.js';
import { Inner, Kinds, plain, schema } from './kinds.js';
import { thrownError } from '../support/errors.js';

const parse = (text: string, maxDepth?: number) => parseText(schema, 'tftest.Kinds', text, { maxDepth });
const print = (m: object, options?: TextPrintOptions) => printText(schema, 'tftest.Kinds', m, options);
const kinds = (o: Record<string, unknown>) => Kinds.decode(Kinds.encode(Kinds.fromObject(o)).finish());

describe('syntax C++ accepts', () => {
  test('an upper-case F after a float, \\? escapes, and a minus sign apart from its number', () => {
    expect(plain(Kinds, parse('fl: 2.5F db: - 3 s: "what\\?"'))).toEqual({ fl: 2.5, db: -3, s: 'what?' });
  });

  test('hex and octal integers where floats are expected', () => {
    expect(plain(Kinds, parse('db: 0x10 fl: 010'))).toEqual({ db: 16, fl: 8 });
  });

  test('a \\u surrogate pair written as two escapes', () => {
    expect(plain(Kinds, parse('s: "\\ud83d\\ude00"')).s).toBe('😀');
  });
});

describe('errors', () => {
  test('every error is INVALID_ARGUMENT with the line and column of the offending token', () => {
    const e = thrownError(() => parse('i32: 1\n# comment\ninner {\n  name: "a"\n  bogus: 1\n}\n'));
    expect(e.code).toBe('INVALID_ARGUMENT');
    expect(e.message).toBe('text format of tftest.Kinds, 5:3: Message type "tftest.Inner" has no field named "bogus".');
  });

  test('an unknown escape points at its backslash (C++ rejects it; Python keeps it)', () => {
    expect(thrownError(() => parse('s: "ab\\qc"')).message).toMatch(/, 1:7: Invalid escape sequence/);
  });

  test('a string field whose escapes are not UTF-8', () => {
    expect(thrownError(() => parse('s: "\\377"')).message).toMatch(/1:4: String field value is not valid UTF-8/);
  });

  test('mismatched brackets, a 64-bit overflow, an expanded Any mixed with its fields', () => {
    expect(thrownError(() => parse('inner < name: "a" }')).message).toMatch(/1:19: Expected field name, found "}"/);
    expect(thrownError(() => parse('i64: 0x8000000000000000')).message).toMatch(/1:6: Integer out of range for int64/);
    expect(parse('i64: -0x8000000000000000 u64: 0xFFFFFFFFFFFFFFFF')).toBeDefined();
    const mixed = 'any { type_url: "type.googleapis.com/tftest.Inner" [type.googleapis.com/tftest.Inner] {} }';
    expect(thrownError(() => parse(mixed)).message).toMatch(/1:52: google\.protobuf\.Any holds more than one value/);
  });

  test('an unknown message type is NOT_FOUND', () => {
    expect(thrownError(() => parseText(schema, 'tftest.Nope', '')).code).toBe('NOT_FOUND');
    expect(thrownError(() => printText(schema, 'tftest.Nope', {})).code).toBe('NOT_FOUND');
  });
});

describe('nesting limit', () => {
  const nested = (levels: number) => `${'inner { children { '.slice(0, 8)}${'children { '.repeat(levels - 1)}${'} '.repeat(levels)}`;

  test('100 levels parse; 101 are refused with the position of the brace too deep', () => {
    expect(() => parse(nested(100))).not.toThrow();
    const e = thrownError(() => parse(nested(101)));
    expect(e.message).toMatch(/1:1107: Message nesting exceeds the limit of 100 levels/);
    expect(() => parse(nested(5), 4)).toThrow(/limit of 4 levels/);
  });

  test('printing a message nested deeper than the limit (or cyclic) fails cleanly', () => {
    const cyclic = new (Inner.ctor as unknown as new () => Record<string, unknown>)();
    (cyclic.children as unknown[]).push(cyclic);
    const e = thrownError(() => print({ inner: cyclic }));
    expect(e.code).toBe('INVALID_ARGUMENT');
    expect(e.message).toMatch(/tftest\.Inner nests deeper than 100 messages/);
  });
});

describe('printing values held as plain JS', () => {
  test('64-bit integers as number, bigint or decimal string; bytes as a number array', () => {
    const msg = { i64: -5, u64: 18446744073709551615n, s64: '-9223372036854775808', by: [0, 255], rf64: [1n, '2'] };
    expect(print(msg)).toBe('i64: -5\nu64: 18446744073709551615\ns64: -9223372036854775808\nby: "\\000\\377"\nrf64: 1\nrf64: 2\n');
  });
});

describe('C++ dialect', () => {
  test('C-style floats, every map entry field, maps by key, Any left packed', () => {
    const m = kinds({
      fl: 0.1, db: 1e16, rf: [1, -0, 123456789], mis: { '3': 'x', '-1': '' }, msd: { b: 0, a: 0.5 },
      any: { type_url: 'type.googleapis.com/tftest.Inner', value: Inner.encode({ name: 'n' }).finish() },
      s: 'é',
    });
    expect(print(m, { dialect: 'cpp' })).toBe([
      'fl: 0.1', 'db: 1e+16', 's: "\\303\\251"', 'rf: 1', 'rf: -0', 'rf: 123456792',
      'mis {', '  key: -1', '  value: ""', '}', 'mis {', '  key: 3', '  value: "x"', '}',
      'any {', '  type_url: "type.googleapis.com/tftest.Inner"', '  value: "\\n\\001n"', '}',
      'msd {', '  key: "a"', '  value: 0.5', '}', 'msd {', '  key: "b"', '  value: 0', '}', '',
    ].join('\n'));
  });

  test("%g rounds exact halves to even, as C's printf does", () => {
    expect([formatG(2.5, 1), formatG(3.5, 1), formatG(0.125, 2), formatG(1687725.625, 9)]).toEqual(['2', '4', '0.12', '1687725.62']);
    expect([formatG(1e-5, 6), formatG(0.0001, 6), formatG(123456789, 6), formatG(-0, 6)]).toEqual(['1e-05', '0.0001', '1.23457e+08', '-0']);
  });
});

describe('random messages', () => {
  const float32 = fc.float({ noNaN: false });
  const text = fc.string({ unit: 'binary', maxLength: 12 });
  const int64 = fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }).map(String);
  const message = fc.record(
    {
      i32: fc.integer(), i64: int64, u32: fc.nat(), s64: int64, f64: fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }).map(String),
      fl: float32, db: fc.double(), b: fc.boolean(), s: text, by: fc.uint8Array({ maxLength: 12 }),
      color: fc.integer({ min: -3, max: 3 }), rf: fc.array(float32, { maxLength: 4 }), rd: fc.array(fc.double(), { maxLength: 4 }),
      rs: fc.array(text, { maxLength: 3 }), msi: fc.dictionary(text, fc.record({ name: text }), { maxKeys: 4 }),
      mis: fc.dictionary(int64, text, { maxKeys: 4 }), inner: fc.record({ name: text, children: fc.array(fc.record({ name: text }), { maxLength: 2 }) }),
      os: text, opt: fc.integer(),
    },
    { requiredKeys: [] },
  );
  const dialects: TextPrintOptions[] = [{}, { asUtf8: true }, { floatFormat: 'repr' }, { dialect: 'upb' }, { dialect: 'upb-4' }, { dialect: 'cpp' }];

  test('print → parse is the identity in every dialect', () => {
    fc.assert(
      fc.property(message, (o) => {
        const m = kinds(o);
        const expected = plain(Kinds, m);
        for (const options of dialects) {
          const parsed = parse(print(m, options));
          expect(plain(Kinds, parsed)).toEqual(expected);
          expect(Kinds.encode(parsed as unknown as protobuf.Message).finish().length).toBe(Kinds.encode(m).finish().length);
        }
      }),
      { numRuns: 150 },
    );
  });
});
