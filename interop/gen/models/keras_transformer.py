"""Zoo: a one-block Transformer encoder (Embedding, MultiHeadAttention, LayerNormalization, FFN)."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import common  # noqa: E402
from common import tf, np  # noqa: E402

common.seed()
out = common.out_dir()
L = tf.keras.layers
tokens = tf.keras.Input((6,), dtype='int32', name='tokens')
e = L.Embedding(20, 8, name='embed')(tokens)
a = L.MultiHeadAttention(num_heads=2, key_dim=4, name='mha')(e, e)
h = L.LayerNormalization(name='ln1')(L.Add()([e, a]))
f = L.Dense(16, activation='relu', name='ffn1')(h)
f = L.Dense(8, name='ffn2')(f)
h = L.LayerNormalization(name='ln2')(L.Add()([h, f]))
p = L.GlobalAveragePooling1D()(h)
y = L.Dense(2, name='head')(p)
model = tf.keras.Model(tokens, y)
common.randomize_weights(model, 14)
model.save(out, save_format='tf')

x = tf.constant(np.random.RandomState(5).randint(0, 20, size=(2, 6)).astype(np.int32))
loaded = tf.saved_model.load(out)
common.golden_for_saved_model(
    out, model='keras_transformer', rtol=1e-4, source='zoo: Transformer encoder with MultiHeadAttention',
    inputs_by_signature={'serving_default': [{'tokens': x}]},
    functions=[common.function_call(loaded, '__call__', x)])
