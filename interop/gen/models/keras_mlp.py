"""Zoo: a small Keras MLP (Dense relu/tanh/softmax), Keras 2 model.save(save_format='tf')."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import common  # noqa: E402
from common import tf  # noqa: E402

common.seed()
out = common.out_dir()
inp = tf.keras.Input((4,), name='features')
h = tf.keras.layers.Dense(8, activation='relu', name='hidden1')(inp)
h = tf.keras.layers.Dense(8, activation='tanh', name='hidden2')(h)
y = tf.keras.layers.Dense(3, activation='softmax', name='probs')(h)
model = tf.keras.Model(inp, y)
common.randomize_weights(model, 11)
model.save(out, save_format='tf')

x = common.rand((3, 4), 1)
loaded = tf.saved_model.load(out)
common.golden_for_saved_model(
    out, model='keras_mlp', rtol=1e-5, source='zoo: Keras MLP',
    inputs_by_signature={'serving_default': [{'features': x}, {'features': common.rand((1, 4), 2)}]},
    functions=[common.function_call(loaded, '__call__', x)])
