"""Zoo: resource variables of many dtypes (float16, bfloat16, float64, int8..int64, unsigned,
complex64/128, string, bool) with edge values, plus a signature reading some of them."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import common  # noqa: E402
from common import tf, np  # noqa: E402

out = common.out_dir()
inf, nan = float('inf'), float('nan')
SPECS = {
    'v_float32': (tf.float32, [[1.5, -0.0, 3.4028234663852886e38], [1e-45, -2.5, 0.1]]),
    'v_float64': (tf.float64, [0.1, -1e300, 5e-324, 2.0 ** 53 + 2]),
    'v_float16': (tf.float16, [1.0, -0.333251953125, 65504.0, 6e-8, inf, -inf]),
    'v_bfloat16': (tf.bfloat16, [1.0, -3.140625, 3.3895313892515355e38, 1.1754943508222875e-38, nan]),
    'v_int8': (tf.int8, [-128, 127, 0, -1]),
    'v_int16': (tf.int16, [-32768, 32767, 12345]),
    'v_int32': (tf.int32, [[-2147483648, 2147483647], [7, -7]]),
    'v_int64': (tf.int64, [-9223372036854775808, 9223372036854775807, 2 ** 40 + 1, -3]),
    'v_uint8': (tf.uint8, [0, 255, 128]),
    'v_uint16': (tf.uint16, [0, 65535, 4660]),
    'v_uint32': (tf.uint32, [0, 4294967295, 305419896]),
    'v_uint64': (tf.uint64, [0, 18446744073709551615, 2 ** 63]),
    'v_complex64': (tf.complex64, [1 + 2j, -0.5 - 0.25j]),
    'v_complex128': (tf.complex128, [[1e-300 + 3j], [-7 + 0j]]),
    'v_bool': (tf.bool, [True, False, True, True, False]),
    'v_string': (tf.string, [b'alpha', 'Grüße'.encode('utf-8'), b'', b'\xff\x00binary']),
    'v_scalar': (tf.float32, 42.0),
}


class Vars(tf.Module):
    pass


m = Vars()
skipped = {}
for name, (dt, value) in SPECS.items():
    try:
        v = tf.Variable(tf.constant(value, dtype=dt), name=name)
        setattr(m, name, v)
    except Exception as e:  # dtype without a resource-variable kernel in this TF build
        skipped[name] = f'{type(e).__name__}: {str(e).splitlines()[0]}'


@tf.function(input_signature=[tf.TensorSpec([], tf.float32, name='x')])
def read(x):
    return {'f32': m.v_scalar * x, 'i64': tf.cast(m.v_int8, tf.int64), 'f16': tf.cast(m.v_float16, tf.float32),
            'str': m.v_string, 'flags': m.v_bool}


m.read = read
try:
    tf.saved_model.save(m, out, signatures={'serving_default': read})
except Exception as e:
    raise SystemExit(f'save failed: {e}')
loaded = tf.saved_model.load(out)
common.golden_for_saved_model(
    out, model='variables_dtypes', rtol=1e-5, source='zoo: variables of many dtypes',
    inputs_by_signature={'serving_default': [{'x': tf.constant(2.0)}]},
    object_values=[common.object_value(loaded, n) for n in SPECS if n not in skipped],
    extra={'skipped_variables': skipped})
