"""Zoo: a tf.Module whose function uses tf.while_loop, tf.cond and a TensorArray, with variables."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import common  # noqa: E402
from common import tf  # noqa: E402

common.seed()
out = common.out_dir()


class Iterate(tf.Module):
    def __init__(self):
        super().__init__()
        self.w = tf.Variable([0.25, -0.5, 1.0], name='w')
        self.scale = tf.Variable(0.5, name='scale')

    @tf.function(input_signature=[tf.TensorSpec([3], tf.float32, name='x'),
                                  tf.TensorSpec([], tf.int32, name='n')])
    def iterate(self, x, n):
        sums = tf.TensorArray(tf.float32, size=0, dynamic_size=True)

        def body(i, acc, sums):
            acc = tf.cond(tf.reduce_sum(acc) > 0.0,
                          lambda: acc * self.scale + self.w,
                          lambda: acc * 2.0 - self.w)
            return i + 1, acc, sums.write(i, tf.reduce_sum(acc))

        steps, y, sums = tf.while_loop(lambda i, acc, s: i < n, body, (tf.constant(0), x, sums))
        return {'y': y, 'steps': steps, 'sums': sums.stack()}

    @tf.function(input_signature=[tf.TensorSpec([], tf.int32, name='n')])
    def collatz_steps(self, n):
        # autograph: a python while/if over tensors becomes While/If ops
        steps = tf.constant(0)
        while n > 1:
            if n % 2 == 0:
                n = n // 2
            else:
                n = 3 * n + 1
            steps += 1
        return {'steps': steps}


m = Iterate()
tf.saved_model.save(m, out, signatures={'serving_default': m.iterate, 'collatz': m.collatz_steps})
loaded = tf.saved_model.load(out)
x = tf.constant([1.0, -2.0, 0.5])
common.golden_for_saved_model(
    out, model='module_control_flow', rtol=1e-5, source='zoo: tf.Module with tf.while_loop, tf.cond, TensorArray',
    inputs_by_signature={
        'serving_default': [{'x': x, 'n': tf.constant(4)}, {'x': tf.constant([-1.0, -1.0, -1.0]), 'n': tf.constant(0)},
                            {'x': tf.constant([3.0, 0.0, -4.0]), 'n': tf.constant(7)}],
        'collatz': [{'n': tf.constant(27)}, {'n': tf.constant(1)}, {'n': tf.constant(6)}]},
    functions=[common.function_call(loaded, 'iterate', x, tf.constant(3)),
               common.function_call(loaded, 'collatz_steps', tf.constant(7))],
    object_values=[common.object_value(loaded, 'w'), common.object_value(loaded, 'scale')])
