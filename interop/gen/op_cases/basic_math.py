"""Golden cases: element-wise unary math, activations, clipping, complex parts."""
import tensorflow as tf

from op_cases.common import INF, NAN, case, rand, t, type_attr

WIDE = t([-3.5, -1.0, -0.25, 0.0, 0.5, 1.0, 2.75, 10.0])
UNIT = t([-1.0, -0.75, -0.1, 0.0, 0.3, 0.9, 1.0, 1.5])
POS = t([0.0, 1e-7, 0.01, 0.5, 1.0, 2.0, 100.0, -1.0])
SPECIAL = t([NAN, INF, -INF, -0.0, 0.0, 1e30, -1e-30, 3.0])


def unary(op, *inputs, **kw):
    return [case(op, x, name=f'{x.dtype.name} #{i}', **kw) for i, x in enumerate(inputs)]


CASES = [
    *unary('Abs', WIDE, t([-5, 0, 7, -2147483647], 'int32'), t([-3, 4], 'int64'), t([-1.5, 2.0], 'float64'), t([-128, -5, 127], 'int8')),
    *unary('Acos', UNIT),
    *unary('Acosh', t([0.5, 1.0, 1.5, 10.0, 1000.0])),
    *unary('Asin', UNIT),
    *unary('Asinh', WIDE),
    *unary('Atan', WIDE, SPECIAL),
    case('Atan2', t([1.0, 1.0, -1.0, -1.0, 0.0, 0.0, -0.0, 2.0]), t([1.0, -1.0, 1.0, -1.0, 1.0, -1.0, -1.0, 0.0]), name='quadrants and zeros'),
    case('Atan2', rand([2, 3], seed=11), t([0.5, -1.0, 2.0]), name='broadcast'),
    *unary('Atanh', t([-1.0, -0.5, 0.0, 0.25, 0.99, 1.0, 2.0])),
    *unary('Ceil', WIDE, SPECIAL),
    case('ClipByValue', WIDE, t(-1.0), t(2.5), name='scalar bounds'),
    case('ClipByValue', rand([2, 3], seed=12), rand([2, 3], seed=13, lo=-1, hi=0), rand([2, 3], seed=14, lo=0, hi=1), name='tensor bounds'),
    case('ClipByValue', t([-5, 0, 3, 9], 'int32'), t(0, 'int32'), t(4, 'int32'), name='int32'),
    *unary('Cos', WIDE),
    *unary('Cosh', WIDE),
    *unary('Elu', WIDE),
    *unary('Exp', WIDE, t([-100.0, 88.0, 89.0])),
    *unary('Expm1', t([-1e-8, 1e-6, -0.5, 0.0, 0.001, 2.0])),
    *unary('Floor', WIDE, SPECIAL),
    *unary('IsFinite', SPECIAL),
    *unary('IsInf', SPECIAL),
    *unary('IsNan', SPECIAL),
    *unary('LeakyRelu', WIDE),
    case('LeakyRelu', WIDE, alpha=0.05, name='alpha 0.05'),
    *unary('Log', POS),
    *unary('Log1p', t([-1.0, -0.5, -1e-7, 0.0, 1e-7, 1.0, 100.0])),
    *unary('Reciprocal', WIDE),
    *unary('Round', t([-2.5, -1.5, -0.5, 0.5, 1.5, 2.5, 2.6, -2.6])),  # TF's int kernel returns 0s (a bug), tf.round is identity
    *unary('Selu', WIDE),
    *unary('Sign', SPECIAL, t([-5, 0, 7], 'int32')),
    *unary('Sin', WIDE),
    *unary('Sinh', WIDE),
    *unary('Softplus', t([-100.0, -20.0, -1.0, 0.0, 1.0, 15.0, 20.0, 100.0])),
    *unary('Sqrt', POS),
    *unary('Square', WIDE, t([-3, 46341, 7], 'int32'), t([20, 3], 'uint8'), t([200, -300], 'int16')),
    *unary('Tan', WIDE),
    case('Complex', t([1.0, -2.0, 0.5]), t([0.0, 3.0, -4.0]), name='pairs'),
    case('Complex', t([[1.0], [2.0]]), t([5.0, 6.0]), name='broadcast'),
    case('Real', t([1 + 2j, -3.5 - 1j, 0j], 'complex64'), name='complex64'),
    case('Imag', t([1 + 2j, -3.5 - 1j, 0j], 'complex64'), name='complex64'),
    case('ComplexAbs', t([3 + 4j, -1 - 1j, 0j, 2.5j], 'complex64'), name='complex64'),
    case('Prelu', t([[-2.0, -0.5, 0.0, 1.5], [3.0, -1.0, -4.0, 0.25]]), t([0.1, 0.2, 0.3, 0.4]), name='per channel',
         ref=lambda x, a: tf.where(x > 0, x, x * a), raw_attrs={'T': type_attr('float32')}),
]
