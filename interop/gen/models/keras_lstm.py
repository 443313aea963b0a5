"""Zoo: a Keras LSTM layer (default settings, so Keras also saves its cuDNN-swappable variant)
with a Dense head. LSTM and GRU are separate models to keep each SavedModel under 1 MB."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import common  # noqa: E402
from common import tf  # noqa: E402

common.seed()
out = common.out_dir()
L = tf.keras.layers
inp = tf.keras.Input((5, 3), name='sequence')
h = L.LSTM(4, name='lstm')(inp)
y = L.Dense(2, name='head')(h)
model = tf.keras.Model(inp, y)
common.randomize_weights(model, 13)
model.save(out, save_format='tf')

x = common.rand((2, 5, 3), 4)
loaded = tf.saved_model.load(out)
common.golden_for_saved_model(
    out, model='keras_lstm', rtol=1e-4, source='zoo: Keras LSTM',
    inputs_by_signature={'serving_default': [{'sequence': x}]},
    functions=[common.function_call(loaded, '__call__', x)])
