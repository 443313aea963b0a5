"""Zoo: a small Keras CNN with Conv2D, BatchNormalization, MaxPool, Dropout (inference mode)."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import common  # noqa: E402
from common import tf  # noqa: E402

common.seed()
out = common.out_dir()
L = tf.keras.layers
inp = tf.keras.Input((8, 8, 2), name='image')
h = L.Conv2D(4, 3, padding='same', name='conv1')(inp)
h = L.BatchNormalization(name='bn1')(h)
h = L.ReLU()(h)
h = L.MaxPooling2D(2)(h)
h = L.Dropout(0.5)(h)
h = L.Conv2D(4, 3, strides=2, padding='valid', activation='relu', name='conv2')(h)
h = L.Flatten()(h)
y = L.Dense(3, name='logits')(h)
model = tf.keras.Model(inp, y)
common.randomize_weights(model, 12)
model.save(out, save_format='tf')

x = common.rand((2, 8, 8, 2), 3)
loaded = tf.saved_model.load(out)
common.golden_for_saved_model(
    out, model='keras_cnn', rtol=1e-4, source='zoo: Keras CNN with BatchNorm and Dropout',
    inputs_by_signature={'serving_default': [{'image': x}]},
    functions=[common.function_call(loaded, '__call__', x)])  # Keras' inference variant
