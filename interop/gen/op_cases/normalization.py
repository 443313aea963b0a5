"""Golden cases: fused batch norm (V1, V2), local response normalisation, log-softmax."""
from op_cases.common import case, rand, t

X = rand([2, 3, 2, 4], seed=31)
XC = rand([2, 4, 3, 2], seed=32)
SCALE = t([0.5, 1.0, 1.5, 2.0])
OFFSET = t([0.1, -0.2, 0.3, 0.0])
MEAN = t([0.05, -0.1, 0.2, 0.0])
VAR = t([1.0, 0.5, 2.0, 0.25])
EMPTY = t([], 'float32')


def batch_norm(op):
    return [
        case(op, X, SCALE, OFFSET, MEAN, VAR, is_training=False, name='inference NHWC'),
        case(op, XC, SCALE, OFFSET, MEAN, VAR, is_training=False, data_format='NCHW', epsilon=0.01, name='inference NCHW'),
        case(op, X, SCALE, OFFSET, EMPTY, EMPTY, name='training NHWC', check=[0, 1, 2, 3, 4]),
        case(op, XC, SCALE, OFFSET, MEAN, VAR, data_format='NCHW', exponential_avg_factor=0.25, name='training NCHW running averages'),
    ]


CASES = [
    *batch_norm('FusedBatchNorm'),
    *batch_norm('FusedBatchNormV2'),
    case('LRN', rand([1, 2, 2, 8], seed=33), name='defaults'),
    case('LRN', rand([2, 2, 1, 6], seed=34, lo=0, hi=3), depth_radius=2, bias=2.0, alpha=0.1, beta=0.75, name='custom attrs'),
    case('LogSoftmax', t([[1.0, 2.0, 3.0, 4.0], [100.0, 0.0, -100.0, 50.0]]), name='2-D, large logits'),
    case('LogSoftmax', rand([2, 2, 5], seed=35, lo=-5, hi=5), name='3-D'),
]
