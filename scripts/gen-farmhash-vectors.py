"""Writes test/fixtures/farmhash/fingerprint64.json: TensorFlow's FarmHash Fingerprint64 (via
`tf.fingerprint(data, method='farmhash64')`) of deterministic byte strings of many lengths, the
ground truth of test/savedmodel/farmhash.test.ts.

    ~/.cache/savedmodel/venv-tf2.15.1/bin/python scripts/gen-farmhash-vectors.py
"""
import json
import os

os.environ.setdefault('TF_CPP_MIN_LOG_LEVEL', '3')
import numpy as np  # noqa: E402
import tensorflow as tf  # noqa: E402

lengths = list(range(0, 300)) + [511, 512, 513, 1000, 4096, 65537]
vectors = []
for n in lengths:
    data = np.array([(i * 31 + 7 + (i >> 8)) & 255 for i in range(n)], dtype=np.uint8).reshape(1, n)
    fp = tf.fingerprint(tf.constant(data), method='farmhash64').numpy()[0]
    vectors.append({'length': n, 'fingerprint64': str(int.from_bytes(bytes(fp), 'little'))})
out = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), 'test', 'fixtures', 'farmhash', 'fingerprint64.json')
with open(out, 'w') as f:
    json.dump({'source': 'tf.fingerprint(method="farmhash64"), TensorFlow ' + tf.__version__,
               'bytes': 'byte i = (i * 31 + 7 + (i >> 8)) & 255', 'vectors': vectors}, f, indent=0)
print('wrote', len(vectors), 'vectors to', out)
