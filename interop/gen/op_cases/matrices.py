"""Golden cases: BatchMatMul (V1), MatrixBandPart, grappler's _FusedMatMul."""
from op_cases.common import case, rand, t

A = rand([3, 4], seed=41)
B = rand([4, 5], seed=42)
BIAS = rand([5], seed=43)
M = rand([3, 4], seed=44)


def fused(ops, *extra, **attrs):
    args = [BIAS, *extra]
    return case('_FusedMatMul', A, B, args, fused_ops=ops, name='+'.join(ops) + ''.join(f' {k}={v}' for k, v in attrs.items()), **attrs)


CASES = [
    case('BatchMatMul', rand([2, 2, 3], seed=45), rand([2, 3, 4], seed=46), name='3-D'),
    case('BatchMatMul', rand([2, 3, 2], seed=47), rand([2, 4, 3], seed=48), adj_x=True, adj_y=True, name='adjoints'),
    case('BatchMatMul', rand([2, 1, 2, 3], seed=49), rand([2, 1, 3, 2], seed=50), adj_x=False, adj_y=False, name='4-D'),
    case('BatchMatMul', A, B, name='2-D'),
    case('BatchMatMul', t([[[1, 2], [3, 4]]], 'int32'), t([[[5, -6], [7, 8]]], 'int32'), name='int32'),
    case('MatrixBandPart', M, t(1, 'int64'), t(-1, 'int64'), name='lower 1, all upper'),
    case('MatrixBandPart', rand([2, 3, 3], seed=51), t(0, 'int32'), t(0, 'int32'), name='diagonal, int32 bounds'),
    case('MatrixBandPart', rand([2, 3, 3], seed=52), t(-1, 'int64'), t(0, 'int64'), name='lower triangle'),
    case('MatrixBandPart', t([[1, 2, 3], [4, 5, 6]], 'int32'), t(0, 'int64'), t(1, 'int64'), name='int32 input'),
    case('MatrixBandPart', M, t(5, 'int64'), t(0, 'int64'), name='bounds beyond the matrix fail'),
    case('MatrixBandPart', M, t(3, 'int64'), t(4, 'int64'), name='bounds equal to the matrix'),
    case('MatrixBandPart', t([[True, True], [True, False]], 'bool'), t(0, 'int64'), t(-1, 'int64'), name='bool input'),
    fused(['BiasAdd']),
    fused(['BiasAdd', 'Relu']),
    fused(['BiasAdd', 'Relu6']),
    fused(['BiasAdd', 'Elu']),
    fused(['BiasAdd', 'LeakyRelu'], leakyrelu_alpha=0.1),
    fused(['BiasAdd', 'Tanh']),
    fused(['BiasAdd', 'Sigmoid']),
    fused(['BiasAdd', 'GeluApproximate']),
    fused(['BiasAdd', 'GeluExact']),
    fused(['BiasAdd', 'Add'], rand([3, 5], seed=53)),
    case('_FusedMatMul', rand([4, 3], seed=54), rand([5, 4], seed=55), [BIAS], fused_ops=['BiasAdd', 'Relu'],
         transpose_a=True, transpose_b=True, name='transposed operands'),
]
