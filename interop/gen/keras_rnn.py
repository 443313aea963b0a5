"""Shared body of the keras_lstm / keras_gru generators: one recurrent layer with default
settings (so Keras also saves its cuDNN-swappable variant) and a Dense head. LSTM and GRU are
separate models to keep each SavedModel under 1 MB."""
import common
from common import tf


def generate(layer):
    common.seed()
    out = common.out_dir()
    L = tf.keras.layers
    inp = tf.keras.Input((5, 3), name='sequence')
    h = getattr(L, layer.upper())(4, name=layer)(inp)
    y = L.Dense(2, name='head')(h)
    model = tf.keras.Model(inp, y)
    common.randomize_weights(model, 13)
    model.save(out, save_format='tf')

    x = common.rand((2, 5, 3), 4)
    loaded = tf.saved_model.load(out)
    common.golden_for_saved_model(
        out, model=f'keras_{layer}', rtol=1e-4, source=f'zoo: Keras {layer.upper()}',
        inputs_by_signature={'serving_default': [{'sequence': x}]},
        functions=[common.function_call(loaded, '__call__', x)])
