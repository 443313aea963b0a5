/**
 * Float and double formatting as TensorFlow's writers produce it.
 *
 * TensorFlow writes text protos from Python, whose text_format prints a double with `str()`
 * (Python's shortest round-trip `repr`: `1.0`, `0.1`, `1e-05`, `1e+16`) and a float by first
 * finding the fewest significant digits, from 6 up, that read back as the same float32, then
 * printing that double with `repr`. `tf.io.write_graph` (and so text meta graphs) passes
 * `float_format=''`, which prints the float32 value widened to double with `repr`
 * (`0.10000000149011612`). C++'s TextFormat::Printer uses `%.6g`/`%.9g` for floats and
 * `%.15g`/`%.17g` for doubles, keeping the shorter form when it reads back exactly.
 */

/** How float and double fields are written. */
export type FloatStyle = 'python' | 'python-repr' | 'cpp';

function nonFinite(x: number): string | undefined {
  if (Number.isNaN(x)) return 'nan';
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  return undefined;
}

function expSuffix(e: number): string {
  const abs = Math.abs(e);
  return (e < 0 ? 'e-' : 'e+') + (abs < 10 ? '0' : '') + String(abs);
}

/** Python's `repr(x)` of a double: shortest round-trip digits, exponent form outside [1e-4, 1e16). */
export function pythonRepr(x: number): string {
  const special = nonFinite(x);
  if (special !== undefined) return special;
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const sign = x < 0 ? '-' : '';
  // toExponential() without an argument yields the shortest digits that read back as x.
  const text = Math.abs(x).toExponential();
  const ePos = text.indexOf('e');
  const digits = text.slice(0, ePos).replace('.', '');
  const e = Number(text.slice(ePos + 1));
  if (e < -4 || e >= 16) {
    const mantissa = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    return sign + mantissa + expSuffix(e);
  }
  if (e < 0) return `${sign}0.${'0'.repeat(-e - 1)}${digits}`;
  if (digits.length > e + 1) return `${sign}${digits.slice(0, e + 1)}.${digits.slice(e + 1)}`;
  return `${sign}${digits.padEnd(e + 1, '0')}.0`;
}

/**
 * Python text_format's float32 output: `str(ToShortestFloat(x))`, the `%.{p}g` rounding with
 * the smallest p ≥ 6 that reads back as the same float32, printed with `repr`.
 */
export function pythonFloat32(value: number): string {
  const x = Math.fround(value);
  if (x === 0 || !Number.isFinite(x)) return pythonRepr(x);
  for (let p = 6; p < 17; p++) {
    const rounded = Number(x.toPrecision(p));
    if (Math.fround(rounded) === x) return pythonRepr(rounded);
  }
  return pythonRepr(x);
}

/**
 * x (finite, non-zero) rounded to `precision` significant digits as C's printf does: to nearest,
 * ties (exact halfway values) to even. JavaScript's toExponential rounds ties up instead.
 */
function roundedDigits(x: number, precision: number): { digits: string; exp: number } {
  const text = Math.abs(x).toExponential(precision - 1);
  const ePos = text.indexOf('e');
  const digits = text.slice(0, ePos).replace('.', '');
  const exp = Number(text.slice(ePos + 1));
  const longer = Math.abs(x).toExponential(Math.min(precision, 100));
  const lPos = longer.indexOf('e');
  const lDigits = longer.slice(0, lPos).replace('.', '');
  if (lDigits.charCodeAt(lDigits.length - 1) !== 53 || !isExactly(Math.abs(x), lDigits, Number(longer.slice(lPos + 1)))) {
    return { digits, exp };
  }
  // An exact tie: keep the truncated digits when their last digit is even.
  const truncated = lDigits.slice(0, precision);
  return (truncated.charCodeAt(precision - 1) - 48) % 2 === 0
    ? { digits: truncated, exp: Number(longer.slice(lPos + 1)) }
    : { digits, exp };
}

/** True when x equals d.ddd × 10^exp exactly (digits = "dddd"). */
function isExactly(x: number, digits: string, exp: number): boolean {
  // x = mantissa × 2^e2 with an integer mantissa.
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  const biased = (hi >>> 20) & 0x7ff;
  let mantissa = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  let e2: number;
  if (biased === 0) e2 = -1074;
  else {
    mantissa |= 1n << 52n;
    e2 = biased - 1075;
  }
  // decimal = D × 10^q with D the digits as an integer.
  const q = exp - (digits.length - 1);
  let left = mantissa;
  let right = BigInt(digits);
  if (e2 >= 0) left <<= BigInt(e2);
  else right <<= BigInt(-e2);
  if (q >= 0) right *= 10n ** BigInt(q);
  else left *= 10n ** BigInt(-q);
  return left === right;
}

/** C's `%.{precision}g`. */
export function formatG(x: number, precision: number): string {
  const special = nonFinite(x);
  if (special !== undefined) return special;
  if (x === 0) return Object.is(x, -0) ? '-0' : '0';
  const sign = x < 0 ? '-' : '';
  const { digits, exp } = roundedDigits(x, precision);
  if (exp < -4 || exp >= precision) {
    const mantissa = stripZeros(digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits);
    return sign + mantissa + expSuffix(exp);
  }
  if (exp < 0) return sign + stripZeros(`0.${'0'.repeat(-exp - 1)}${digits}`);
  return sign + stripZeros(digits.length > exp + 1 ? `${digits.slice(0, exp + 1)}.${digits.slice(exp + 1)}` : digits);
}

function stripZeros(s: string): string {
  if (s.indexOf('.') < 0) return s;
  let end = s.length;
  while (s.charCodeAt(end - 1) === 48) end--;
  if (s.charCodeAt(end - 1) === 46) end--;
  return s.slice(0, end);
}

/** C++ protobuf's SimpleDtoa: `%.15g`, or `%.17g` when 15 digits do not read back exactly. */
export function cppDouble(x: number): string {
  const short = formatG(x, 15);
  return Number.isFinite(x) && Number(short) !== x ? formatG(x, 17) : short;
}

/** C++ protobuf's SimpleFtoa: `%.6g`, or `%.9g` when 6 digits do not read back as the same float. */
export function cppFloat(value: number): string {
  const x = Math.fround(value);
  const short = formatG(x, 6);
  return Number.isFinite(x) && Math.fround(Number(short)) !== x ? formatG(x, 9) : short;
}

/** Formats a float (32-bit) field value in `style`. */
export function formatFloat(x: number, style: FloatStyle): string {
  switch (style) {
    case 'python': return pythonFloat32(x);
    case 'python-repr': return pythonRepr(Math.fround(x));
    case 'cpp': return cppFloat(x);
  }
}

/** Formats a double field value in `style`. */
export function formatDouble(x: number, style: FloatStyle): string {
  return style === 'cpp' ? cppDouble(x) : pythonRepr(x);
}
