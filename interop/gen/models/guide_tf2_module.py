"""Guide, TF2: a tf.Module with a tf.function __call__ and a serving_default signature."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import common  # noqa: E402
from common import tf  # noqa: E402


def add_two(input):
    return input + 2


out = common.out_dir()
common.workdir()

# --- guide snippet (verbatim) ---
class MyModel(tf.Module):
  @tf.function
  def __call__(self, input):
    return add_two(input)

model = MyModel()

@tf.function
def serving_default(input):
  return {'output': model(input)}

signature_function = serving_default.get_concrete_function(
    tf.TensorSpec(shape=[], dtype=tf.float32))
tf.saved_model.save(
    model, 'tf2-save', signatures={
        tf.saved_model.DEFAULT_SERVING_SIGNATURE_DEF_KEY: signature_function})
# --- end of snippet ---

common.move_into('tf2-save', out)
# the guide's load_tf1 works on TF2 models too
common.assert_close(common.session_run(out, 'serving_default', {'input': 5.0})['output'], 7.0, what='session.run')
loaded = tf.saved_model.load(out)
functions = [common.function_call(loaded, '__call__', tf.constant(5.0))]  # the guide's loaded(5)
common.assert_close(functions[0]['result']['tensor']['values'], [7.0], what='loaded(5)')
common.golden_for_saved_model(
    out, model='guide_tf2_module', rtol=1e-5,
    source='guide "Migrate the SavedModel workflow", TF2: tf.Module + tf.saved_model.save',
    inputs_by_signature={'serving_default': [{'input': tf.constant(5.0)}, {'input': tf.constant(10.0)}]},
    functions=functions)
