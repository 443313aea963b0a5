"""Zoo: `Model.export()` — the inference-only SavedModel export of the newest Keras (Keras 3 with
TensorFlow >= 2.16, Keras 2's ExportArchive with 2.15). Not Keras 2 `model.save(save_format='tf')`."""
import os
import sys

os.environ['TF_USE_LEGACY_KERAS'] = '0'  # the Keras that ships with this TensorFlow, not tf-keras
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import common  # noqa: E402
from common import tf, np  # noqa: E402

import keras  # noqa: E402

keras.utils.set_random_seed(5)
out = common.out_dir()
L = keras.layers
inp = keras.Input((6,), name='x')
h = L.Dense(5, activation='relu')(inp)
h = L.LayerNormalization()(h)
y = L.Dense(2, activation='sigmoid')(h)
model = keras.Model(inp, y)
if not hasattr(model, 'export'):
    common.unavailable(f'keras {keras.__version__} has no Model.export')
rs = np.random.RandomState(8)
for w in model.weights:
    w.assign(rs.normal(0, 0.5, size=tuple(w.shape)).astype(np.float32))
model.export(out)
loaded = tf.saved_model.load(out)
key = sorted(k for k in loaded.signatures if not k.startswith('__'))[0]
input_name = list(loaded.signatures[key].structured_input_signature[1].keys())[0]
x = common.rand((3, 6), 10)
common.golden_for_saved_model(
    out, model='keras_export', rtol=1e-5, source=f'zoo: keras {keras.__version__} Model.export()',
    inputs_by_signature={k: [{input_name: x}] for k in sorted(loaded.signatures) if not k.startswith('__')},
    functions=[common.function_call(loaded, 'serve', x)],
    extra={'keras_version': keras.__version__})
