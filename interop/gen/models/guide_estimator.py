"""Guide, TF1 step 3: Estimator.export_saved_model with a PredictOutput (as written in the guide).

tf.estimator was removed in TensorFlow 2.16: with newer versions this generator reports the model
as unavailable.
"""
import os
import shutil
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import common  # noqa: E402
from common import tf  # noqa: E402

tf1 = tf.compat.v1

if not hasattr(tf, 'estimator'):
    common.unavailable(f'tf.estimator does not exist in TensorFlow {tf.__version__} (removed in 2.16)')


def add_two(input):
    return input + 2


out = common.out_dir()
common.workdir()

# --- guide snippet (verbatim, minus the notebook's `!rm -rf`) ---
def model_fn(features, labels, mode):
  output = add_two(features['input'])
  step = tf1.train.get_global_step()
  return tf.estimator.EstimatorSpec(
      mode,
      predictions=output,
      train_op=step.assign_add(1),
      loss=tf.constant(0.),
      export_outputs={
          tf.saved_model.DEFAULT_SERVING_SIGNATURE_DEF_KEY: \
          tf.estimator.export.PredictOutput({'output': output})})
est = tf.estimator.Estimator(model_fn, 'estimator-checkpoints')

# Train for one step to create a checkpoint.
def train_fn():
  return tf.data.Dataset.from_tensors({'input': 3.})
est.train(train_fn, steps=1)

# This utility function `build_raw_serving_input_receiver_fn` takes in raw
# tensor features and builds an "input serving receiver function", which
# creates placeholder inputs to the model.
serving_input_fn = tf.estimator.export.build_raw_serving_input_receiver_fn(
    {'input': tf.constant(3.)})  # Pass in a dummy input batch.
estimator_path = est.export_saved_model('exported-estimator', serving_input_fn)

# Estimator's export_saved_model creates a time stamped directory. Move this
# to a set path so it can be inspected with `saved_model_cli` in the cell below.
shutil.rmtree('estimator-model', ignore_errors=True)
import shutil
shutil.move(estimator_path, 'estimator-model')
# --- end of snippet ---

common.move_into('estimator-model', out)
got = common.session_run(out, 'serving_default', {'input': [5.0]})['output']
common.assert_close(got, [7.0], what='session.run')
common.golden_for_saved_model(
    out, model='guide_estimator', rtol=1e-5,
    source='guide "Migrate the SavedModel workflow", TF1: Estimator.export_saved_model',
    inputs_by_signature={'serving_default': [{'input': tf.constant([5.0])},
                                             {'input': tf.constant([10.0, -1.0, 0.25])}]})
