"""Golden cases: sorted search (LowerBound, UpperBound) and Unique (V1, V2)."""
from op_cases.common import case, t

SORTED = t([[1.0, 3.0, 5.0, 7.0], [2.0, 2.0, 4.0, 8.0]])
VALUES = t([[0.0, 3.0, 6.0, 7.0, 9.0], [2.0, 2.5, 5.0, 1.0, 8.0]])
SORTED_I = t([[-5, 0, 0, 10, 16777217]], 'int32')
VALUES_I = t([[0, 16777216, 16777217, -6, 11, 20000000]], 'int32')
ROWS = t([[1, 2, 3], [4, 5, 6], [1, 2, 3], [0, 0, 0], [4, 5, 6]], 'int32')

CASES = [
    case('LowerBound', SORTED, VALUES, name='float32 batch'),
    case('LowerBound', SORTED_I, VALUES_I, out_type='int64', name='int32, int64 output'),
    case('UpperBound', SORTED, VALUES, name='float32 batch'),
    case('UpperBound', SORTED_I, VALUES_I, out_type='int64', name='int32, int64 output'),
    case('Unique', t([1.0, 1.0, 2.0, 4.0, 4.0, 4.0, 7.0, 8.0, 8.0, -1.0]), name='float32'),
    case('Unique', t([3, 16777217, 3, 16777216, 0], 'int32'), out_idx='int64', name='int32, int64 idx'),
    case('Unique', t(['b', 'a', 'b', '', 'a']), name='string'),
    case('UniqueV2', ROWS, t([0], 'int64'), name='rows (axis 0)'),
    case('UniqueV2', t([[1, 1, 2, 1], [3, 3, 4, 3]], 'int32'), t([1], 'int32'), name='columns (axis 1, int32 axis)'),
    case('UniqueV2', t([[1, 1, 2, 1], [3, 3, 4, 3]], 'int32'), t([-1], 'int64'), name='axis -1'),
    case('UniqueV2', t([5.0, 5.0, 3.0, 5.0]), t([], 'int64'), name='1-D, no axis'),
]
