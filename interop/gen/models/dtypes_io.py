"""Zoo: several signatures with int64, uint8, float64, bool, string and int32 inputs and outputs."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import common  # noqa: E402
from common import tf  # noqa: E402

out = common.out_dir()
S = tf.TensorSpec


class Dtypes(tf.Module):
    @tf.function(input_signature=[S([None], tf.int64, name='x')])
    def int64_ops(self, x):
        return {'times3': x * 3, 'sum': tf.reduce_sum(x, keepdims=True), 'as_float': tf.cast(x, tf.float32)}

    @tf.function(input_signature=[S([None, 2], tf.uint8, name='pixels')])
    def uint8_ops(self, pixels):
        return {'plus7': pixels + 7, 'max': tf.reduce_max(pixels, axis=1),
                'as_int32': tf.cast(pixels, tf.int32) * 2}

    @tf.function(input_signature=[S([None], tf.float64, name='x')])
    def float64_ops(self, x):
        return {'poly': x * x * 0.5 + 1.0, 'as_float32': tf.cast(x, tf.float32)}

    @tf.function(input_signature=[S([None], tf.bool, name='a'), S([None], tf.bool, name='b')])
    def bool_ops(self, a, b):
        return {'and': tf.logical_and(a, b), 'xor': tf.math.logical_xor(a, b), 'not_a': tf.logical_not(a),
                'count': tf.reduce_sum(tf.cast(a, tf.int32))}

    @tf.function(input_signature=[S([None], tf.string, name='text')])
    def string_ops(self, text):
        return {'shout': tf.strings.join([tf.strings.upper(text), '!']), 'length': tf.strings.length(text),
                'is_empty': tf.equal(text, '')}

    @tf.function(input_signature=[S([None, 3], tf.float32, name='x'), S([], tf.int32, name='k')])
    def mixed(self, x, k):
        return {'argmax': tf.argmax(x, axis=1), 'scaled': x * tf.cast(k, tf.float32),
                'positive': x > 0.0}


m = Dtypes()
sigs = {'int64_ops': m.int64_ops, 'uint8_ops': m.uint8_ops, 'float64_ops': m.float64_ops,
        'bool_ops': m.bool_ops, 'string_ops': m.string_ops, 'serving_default': m.mixed}
tf.saved_model.save(m, out, signatures=sigs)
loaded = tf.saved_model.load(out)
common.golden_for_saved_model(
    out, model='dtypes_io', rtol=1e-5, source='zoo: int64/uint8/float64/bool/string inputs and outputs, several signatures',
    inputs_by_signature={
        'int64_ops': [{'x': tf.constant([1, -2, 300000, 123456789], tf.int64)}],
        'uint8_ops': [{'pixels': tf.constant([[0, 5], [200, 248], [17, 3]], tf.uint8)}],
        'float64_ops': [{'x': tf.constant([0.1, -3.5, 1e3], tf.float64)}],
        'bool_ops': [{'a': tf.constant([True, True, False, False]), 'b': tf.constant([True, False, True, False])}],
        'string_ops': [{'text': tf.constant(['hello', '', 'Grüße', 'a b'])}],
        'serving_default': [{'x': tf.constant([[1.0, -2.0, 3.0], [0.5, 0.25, -1.0]]), 'k': tf.constant(3)}]},
    functions=[common.function_call(loaded, 'string_ops', tf.constant(['abc'])),
               common.function_call(loaded, 'int64_ops', tf.constant([5], tf.int64))])
