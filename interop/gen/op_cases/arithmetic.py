"""Golden cases: element-wise binary arithmetic (AddN, Div, DivNoNan, FloorDiv, FloorMod, Maximum, Minimum, Mod, Pow)."""
from op_cases.common import INF, NAN, case, rand, t

SIGNS_X = [-7, 7, -7, 7, 0, -1, 6, -6]
SIGNS_Y = [2, -2, -2, 2, 3, 5, 3, -3]
BIG_X = [2147483647, -2147483648, 16777217, -16777219, 2000000011, -2147483647]
BIG_Y = [3, 7, 1, 2, 13, -1000]

CASES = [
    case('AddN', [rand([2, 3], seed=1), rand([2, 3], seed=2), rand([2, 3], seed=3)], name='three float32'),
    case('AddN', [t([1, 2, 3], 'int32'), t([10, 20, 30], 'int32')], name='int32'),
    case('AddN', [t([[1.5, -2.5]])], name='single input'),
    case('AddN', [t([200, 100], 'uint8'), t([100, 200], 'uint8')], name='uint8 wraps'),
    case('AddN', [t([100, -100], 'int8'), t([100, -100], 'int8')], name='int8 wraps'),
    case('AddN', [t([30000], 'int16'), t([30000], 'int16'), t([-2], 'int16')], name='int16 wraps'),

    case('Div', rand([2, 3], seed=4), t([0.5, -2.0, 4.0]), name='float32 broadcast'),
    case('Div', t([1.0, -1.0, 0.0, INF]), t([0.0, 0.0, 0.0, 2.0]), name='float32 by zero'),
    case('Div', t(SIGNS_X, 'int32'), t(SIGNS_Y, 'int32'), name='int32 truncates toward zero'),
    case('Div', t(BIG_X, 'int32'), t(BIG_Y, 'int32'), name='int32 large values'),
    case('Div', t([7, 8], 'int64'), t([-2, 3], 'int64'), name='int64'),
    case('Div', t([200, 7], 'uint8'), t([3, 2], 'uint8'), name='uint8'),
    case('Div', t([1, 2], 'int32'), t([1, 0], 'int32'), name='int32 by zero fails'),
    case('Div', t([1.0, 2.0], 'float64'), t([3.0, 7.0], 'float64'), name='float64'),

    case('DivNoNan', t([[1.0, 2.0, 0.0], [INF, NAN, -3.0]]), t([[0.0, 4.0, 0.0], [0.0, 0.0, 2.0]]), name='zeros give zero'),
    case('DivNoNan', rand([2, 3], seed=5), t([[0.5], [0.0]]), name='broadcast'),

    case('FloorDiv', t([-7.5, 7.5, -7.0, 7.0, 1.0, -1.0]), t([2.0, -2.0, 2.0, 0.5, 0.0, 0.0]), name='float32'),
    case('FloorDiv', t(SIGNS_X, 'int32'), t(SIGNS_Y, 'int32'), name='int32 floors'),
    case('FloorDiv', t(BIG_X, 'int32'), t(BIG_Y, 'int32'), name='int32 large values'),
    case('FloorDiv', t([[-9], [9]], 'int64'), t([4, -4], 'int64'), name='int64 broadcast'),
    case('FloorDiv', t([250, 9], 'uint8'), t([7, 2], 'uint8'), name='uint8'),
    case('FloorDiv', t([4], 'int32'), t([0], 'int32'), name='int32 by zero fails'),

    case('FloorMod', t([-7.5, 7.5, -7.5, 7.5, 3.0, 5.0]), t([2.0, -2.0, -2.0, 2.0, 0.0, 1.5]), name='float32'),
    case('FloorMod', t(SIGNS_X, 'int32'), t(SIGNS_Y, 'int32'), name='int32 sign of divisor'),
    case('FloorMod', t([5.0, -5.0, 5.0, -5.0, INF, 0.0]), t([INF, INF, -INF, -INF, 2.0, -3.0]), name='float32 infinities'),
    case('FloorMod', t(BIG_X, 'int32'), t(BIG_Y, 'int32'), name='int32 large values'),
    case('FloorMod', t([[-9], [9]], 'int64'), t([4, -4], 'int64'), name='int64 broadcast'),
    case('FloorMod', t([4], 'int32'), t([0], 'int32'), name='int32 by zero fails'),

    case('Maximum', t([NAN, 1.0, NAN, -0.0, 3.0, -INF]), t([1.0, NAN, NAN, 0.0, 2.0, -5.0]), name='float32 NaN propagates'),
    case('Maximum', t([[1, -5, 3]], 'int32'), t([[0], [4]], 'int32'), name='int32 broadcast'),
    case('Maximum', rand([80], seed=9), t([NAN if i % 9 == 4 else i / 40 - 1 for i in range(80)]), name='float32 large operand with NaN'),
    case('Maximum', t([3, 250], 'uint8'), t([200, 7], 'uint8'), name='uint8'),
    case('Minimum', t([NAN, 1.0, NAN, -0.0, 3.0, INF]), t([1.0, NAN, NAN, 0.0, 2.0, 5.0]), name='float32 NaN propagates'),
    case('Minimum', t([[1, -5, 3]], 'int32'), t([[0], [4]], 'int32'), name='int32 broadcast'),
    case('Minimum', rand([2, 1, 3], seed=6), rand([4, 1], seed=7), name='float32 broadcast'),

    case('Mod', t(SIGNS_X, 'int32'), t(SIGNS_Y, 'int32'), name='int32 sign of dividend'),
    case('Mod', t([-7.5, 7.5, -7.5, 7.5, 1.0]), t([2.0, -2.0, -2.0, 2.0, 0.0]), name='float32 fmod'),
    case('Mod', t(BIG_X, 'int32'), t(BIG_Y, 'int32'), name='int32 large values'),
    case('Mod', t([5.0, -5.0, INF, -0.0]), t([INF, -INF, 2.0, 3.0]), name='float32 infinities'),
    case('Mod', t([3], 'int32'), t([0], 'int32'), name='int32 by zero fails'),

    case('Pow', t([2.0, 2.0, -2.0, -2.0, 0.0, 0.0, 4.0, 1.0]), t([0.5, -1.0, 3.0, 0.5, 0.0, -1.0, 1.5, NAN]), name='float32'),
    case('Pow', rand([2, 3], lo=0.1, hi=3, seed=8), t([2.0, 0.5, -1.5]), name='float32 broadcast'),
    case('Pow', t([-8.0, -0.0, -0.0, INF, -INF, -INF, 0.5, NAN]), t([1 / 3, -1.0, -2.0, -1.0, 3.0, 2.0, INF, 0.0]), name='float32 edge cases'),
    case('Pow', t([2, 3, -2, -3, 0, 1, 7], 'int32'), t([10, 3, 3, 4, 0, 100, 0], 'int32'), name='int32'),
    case('Pow', t([3, -5, 2], 'int32'), t([16, 11, 31], 'int32'), name='int32 large results'),
    case('Pow', t([2, 2], 'int32'), t([1, -1], 'int32'), name='int32 negative exponent fails'),
    case('Pow', t([2, 3, -2], 'int8'), t([7, 5, 7], 'int8'), name='int8 wraps'),
    case('FloorDiv', t([-128, 100], 'int8'), t([-1, 7], 'int8'), name='int8 -128 / -1 wraps'),
    case('Div', t([-128, -100], 'int8'), t([-1, 7], 'int8'), name='int8 -128 / -1 wraps'),
]
