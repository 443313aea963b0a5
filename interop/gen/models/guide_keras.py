"""Guide, TF2: Keras model.save(save_format='tf') with a serving_default signature (Keras 2)."""
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
inp = tf.keras.Input(3)
out_ = add_two(inp)
model = tf.keras.Model(inputs=inp, outputs=out_)

@tf.function(input_signature=[tf.TensorSpec(shape=[], dtype=tf.float32)])
def serving_default(input):
  return {'output': model(input)}

model.save('keras-model', save_format='tf', signatures={
        tf.saved_model.DEFAULT_SERVING_SIGNATURE_DEF_KEY: serving_default})
# --- end of snippet (the guide names the model output `out`; renamed to keep `out` the export dir) ---

common.move_into('keras-model', out)
common.assert_close(common.session_run(out, 'serving_default', {'input': 5.0})['output'], 7.0, what='session.run')
common.golden_for_saved_model(
    out, model='guide_keras', rtol=1e-5,
    source='guide "Migrate the SavedModel workflow", TF2: Keras model.save (SavedModel format)',
    inputs_by_signature={'serving_default': [{'input': tf.constant(5.0)}, {'input': tf.constant(10.0)}]},
    extra={'keras_predict_on_batch': common.tensor_json(
        tf.keras.models.load_model(out).predict_on_batch(tf.constant([1., 3., 4.])))})
