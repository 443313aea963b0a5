"""Golden cases: comparisons, logical and bitwise ops."""
from op_cases.common import INF, NAN, case, t

FX = t([NAN, 1.0, -2.0, INF, 0.0, -0.0, 3.5, NAN])
FY = t([NAN, 1.0, 2.0, INF, -0.0, 1.0, -3.5, 0.0])
IX = t([[1, 2, 3], [-4, 5, 16777217]], 'int32')
IY = t([2, 2, 16777216], 'int32')
BX = t([True, True, False, False], 'bool')
BY = t([True, False, True, False], 'bool')


def compare(op):
    return [
        case(op, FX, FY, name='float32 with NaN, inf, -0'),
        case(op, IX, IY, name='int32 broadcast, beyond 2^24'),
        case(op, t([1, 5], 'int64'), t([[3], [5]], 'int64'), name='int64 broadcast'),
    ]


CASES = [
    *compare('Equal'),
    case('Equal', BX, BY, name='bool'),
    case('Equal', t(['a', 'bc', '', 'x']), t(['a', 'b', '', 'y']), name='string'),
    case('Equal', t([1.0, 2.0]), t([1.0, 2.0, 3.0]), incompatible_shape_error=False, name='incompatible shapes give false'),
    *compare('NotEqual'),
    case('NotEqual', BX, BY, name='bool'),
    case('NotEqual', t([['a', 'b']]), t(['a']), name='string broadcast'),
    case('NotEqual', t([1, 2], 'int32'), t([1, 2, 3], 'int32'), incompatible_shape_error=False, name='incompatible shapes give true'),
    *compare('Greater'),
    *compare('GreaterEqual'),
    *compare('Less'),
    *compare('LessEqual'),
    case('LogicalAnd', BX, BY, name='truth table'),
    case('LogicalAnd', t([[True], [False]], 'bool'), t([True, False, True], 'bool'), name='broadcast'),
    case('LogicalOr', BX, BY, name='truth table'),
    case('LogicalOr', t([[True], [False]], 'bool'), t([True, False, True], 'bool'), name='broadcast'),
    case('LogicalNot', BX, name='values'),
    case('BitwiseAnd', t([12, -1, -8, 2147483647, 0], 'int32'), t([10, 5, -3, -2147483648, 7], 'int32'), name='int32'),
    case('BitwiseAnd', t([[200], [15]], 'uint8'), t([170, 255], 'uint8'), name='uint8 broadcast'),
]
