"""Golden cases: reductions, arg-reductions, scans, bincounts, Euclidean norm."""
from op_cases.common import NAN, case, rand, t

X3 = rand([2, 3, 4], seed=21)
I23 = t([[3, -1, 7], [16777217, 2, -5]], 'int32')
B23 = t([[True, False, True], [True, True, True]], 'bool')
AX1 = t(1, 'int32')


def reduce(op):
    return [
        case(op, X3, AX1, name='axis 1'),
        case(op, X3, t([0, 2], 'int32'), keep_dims=True, name='axes [0, 2] keep_dims'),
        case(op, X3, t([-1], 'int64'), name='int64 negative axis'),
        case(op, X3, t([], 'int32'), name='no axes'),
        case(op, I23, t([0, 1], 'int32'), name='int32 all axes'),
        case(op, I23, t(0, 'int32'), keep_dims=True, name='int32 axis 0 keep_dims'),
        case(op, X3, t(3, 'int32'), name='axis out of range fails'),
    ]


SCAN = rand([2, 4], seed=22, lo=0.5, hi=2.0)


def scan(op):
    out = []
    for exclusive in (False, True):
        for reverse in (False, True):
            out.append(case(op, SCAN, AX1, exclusive=exclusive, reverse=reverse,
                            name=f'exclusive={exclusive} reverse={reverse}'))
    out += [
        case(op, SCAN, t(0, 'int32'), name='axis 0'),
        case(op, SCAN, t(-1, 'int64'), reverse=True, name='int64 axis -1 reverse'),
        case(op, t([[1, 2, 3], [4, -5, 6]], 'int32'), AX1, exclusive=True, name='int32 exclusive'),
    ]
    return out


CASES = [
    *reduce('Sum'),
    case('Sum', t([200, 100, 7], 'uint8'), t(0, 'int32'), name='uint8 wraps'),
    case('Prod', t([[16, 9], [-3, 50]], 'int8'), t(1, 'int32'), name='int8 wraps'),
    case('Cumsum', t([100, 100, 100], 'uint8'), t(0, 'int32'), name='uint8 wraps'),
    case('Cumprod', t([5, 7, 9], 'int8'), t(0, 'int32'), name='int8 wraps'),
    case('Sum', X3, t([1, 1], 'int32'), name='duplicate axes fail'),
    case('Sum', t([], shape=[0, 3]), t(0, 'int32'), name='empty axis gives zeros'),
    *reduce('Prod'),
    *reduce('Max'),
    case('Max', t([[1.0, NAN, 3.0], [NAN, -1.0, 2.0]]), AX1, name='float32 NaN'),
    *reduce('Min'),
    case('Min', t([[1.0, NAN, 3.0], [NAN, -1.0, 2.0]]), AX1, name='float32 NaN'),
    case('All', B23, AX1, name='axis 1'),
    case('All', B23, t([0, 1], 'int32'), keep_dims=True, name='all axes keep_dims'),
    case('All', B23, t([], 'int32'), name='no axes'),
    case('Any', B23, t(0, 'int64'), name='int64 axis 0'),
    case('Any', t([[False, False], [False, True]], 'bool'), t([-1], 'int32'), keep_dims=True, name='axis -1 keep_dims'),
    case('ArgMax', X3, AX1, name='axis 1, int64 output'),
    case('ArgMax', X3, t(-1, 'int32'), output_type='int32', name='axis -1, int32 output'),
    case('ArgMax', t([[1.0, 5.0, 5.0], [2.0, 2.0, 1.0]]), AX1, output_type='int32', name='ties pick the first'),
    case('ArgMax', I23, t(0, 'int64'), name='int32 input, int64 axis 0'),
    case('ArgMax', B23, AX1, name='bool input'),
    case('ArgMin', B23, t(0, 'int32'), output_type='int32', name='bool input'),
    case('ArgMin', X3, AX1, name='axis 1, int64 output'),
    case('ArgMin', t([[1.0, -5.0, -5.0], [2.0, 2.0, 1.0]]), AX1, output_type='int32', name='ties pick the first'),
    case('ArgMin', I23, t(0, 'int32'), name='int32 input axis 0'),
    *scan('Cumsum'),
    *scan('Cumprod'),
    case('Bincount', t([1, 1, 2, 5, 0, 7], 'int32'), t(6, 'int32'), t([], 'float32'), name='counts, values beyond size ignored'),
    case('Bincount', t([1, 1, 2, 5], 'int32'), t(4, 'int32'), t([0.5, 1.5, 2.0, 3.0]), name='float32 weights'),
    case('Bincount', t([3, 0, 3], 'int32'), t(5, 'int32'), t([2, 7, 1], 'int32'), name='int32 weights'),
    case('DenseBincount', t([1, 1, 2, 5, 0], 'int32'), t(4, 'int32'), t([], 'float32'), name='1-D counts'),
    case('DenseBincount', t([[1, 1, 2], [0, 3, 3]], 'int32'), t(4, 'int32'), t([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]), name='2-D weights'),
    case('DenseBincount', t([[1, 1, 2], [0, 3, 3]], 'int64'), t(5, 'int64'), t([], 'int32'), binary_output=True, name='2-D binary int64'),
    case('EuclideanNorm', X3, AX1, name='axis 1'),
    case('EuclideanNorm', X3, t([0, 2], 'int32'), keep_dims=True, name='axes keep_dims'),
    case('EuclideanNorm', t([[3, 4], [5, 12]], 'int32'), AX1, name='int32'),
]
