"""Guide, Session.run section: `model = tf.Module(); model.dense_layer = tf.keras.layers.Dense(...)`,
saved and loaded, then `loaded.dense_layer.kernel` read through the object graph."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import common  # noqa: E402
from common import tf, np  # noqa: E402

common.seed()
out = common.out_dir()

model = tf.Module()
model.dense_layer = tf.keras.layers.Dense(3, activation='relu')
model.dense_layer.build((None, 4))
model.dense_layer.bias.assign(np.array([0.1, -0.2, 0.3], np.float32))
model.__call__ = tf.function(lambda x: model.dense_layer(x),
                             input_signature=[tf.TensorSpec([None, 4], tf.float32, name='x')])
tf.saved_model.save(model, out, signatures={'serving_default': model.__call__})

loaded = tf.saved_model.load(out)
x = tf.constant(np.random.RandomState(1).normal(size=(2, 4)).astype(np.float32))
common.golden_for_saved_model(
    out, model='guide_dense_layer', rtol=1e-5,
    source='guide "Migrate the SavedModel workflow", Session.run section: loaded.dense_layer.kernel',
    inputs_by_signature={'serving_default': [{'x': x}]},
    functions=[common.function_call(loaded, '__call__', x)],
    object_values=[common.object_value(loaded, 'dense_layer.kernel'),
                   common.object_value(loaded, 'dense_layer.bias')])
