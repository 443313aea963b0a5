"""Python TensorFlow side of `npm run bench` (run in the interop venv; prints one JSON line).

  tf_bench.py models OUT_DIR
      Writes the bench's MLP and CNN with Keras 2 (`model.save(save_format='tf')`, as the test
      fixtures are written) into OUT_DIR/mlp and OUT_DIR/cnn, each with `frozen.pb`: the
      serving_default signature frozen by convert_variables_to_constants_v2 (the GraphDef a
      tfjs-converter GraphModel runs), and the checkpoint key of every weight.

  tf_bench.py big OUT_DIR
      Writes the 1 GiB module (below) with tf.saved_model.save: the model the load benchmarks
      read when saveModel is not available.

  tf_bench.py time --big DIR --save-dir DIR --cnn DIR --pb FILE --runs N --warm DIR
      Times, in this one process (after a warm-up load of the small model --warm):
      tf.saved_model.load of the 1 GiB model (N runs), tf.saved_model.save of a tf.Module holding
      the same 64 x 16 MiB float32 variables and an add_two signature (N runs, each into a fresh
      directory, removed afterwards), serving_default calls of the CNN (batch 8), and parsing
      the big saved_model.pb with the protobuf runtime TF uses. Wall and process CPU seconds.
"""
import gc
import json
import os
import shutil
import sys
import time

os.environ.setdefault('TF_CPP_MIN_LOG_LEVEL', '3')
os.environ.setdefault('TF_USE_LEGACY_KERAS', '1')  # tf.keras is Keras 2 (tf_keras) in TF >= 2.16

import numpy as np  # noqa: E402
import tensorflow as tf  # noqa: E402

TENSORS = 64
TENSOR_ELEMENTS = 4 * 1024 * 1024
CNN_BATCH = 8


def timed(f):
    c0 = time.process_time()
    t0 = time.perf_counter()
    value = f()
    return value, {'wall': time.perf_counter() - t0, 'cpu': time.process_time() - c0}


def median(xs):
    s = sorted(xs)
    return s[(len(s) - 1) // 2] if s else None


def weight_keys(model):
    """Checkpoint key of each weight, by the name the TypeScript side gives it."""
    out = {}
    for i, layer in enumerate([l for l in model.layers if l.weights]):
        out[f'w{i}'] = f'layer_with_weights-{i}/kernel/.ATTRIBUTES/VARIABLE_VALUE'
        out[f'b{i}'] = f'layer_with_weights-{i}/bias/.ATTRIBUTES/VARIABLE_VALUE'
    return out


def save_with_frozen(model, out):
    from tensorflow.python.framework.convert_to_constants import convert_variables_to_constants_v2
    model.save(out, save_format='tf')
    loaded = tf.saved_model.load(out)
    fn = loaded.signatures['serving_default']
    frozen = convert_variables_to_constants_v2(fn)
    graph_def = frozen.graph.as_graph_def()
    with open(out + '.frozen.pb', 'wb') as f:
        f.write(graph_def.SerializeToString())
    return {
        'dir': out,
        'frozen': out + '.frozen.pb',
        'input': list(fn.structured_input_signature[1].keys())[0],
        'output': list(fn.structured_outputs.keys())[0],
        'frozen_inputs': [t.name for t in frozen.inputs],
        'frozen_outputs': [t.name for t in frozen.outputs],
        'weights': weight_keys(model),
    }


def cmd_models(out_dir):
    tf.keras.utils.set_random_seed(1234)
    L = tf.keras.layers
    inp = tf.keras.Input((784,), name='x')
    h = L.Dense(256, activation='relu')(inp)
    h = L.Dense(128, activation='relu')(h)
    mlp = tf.keras.Model(inp, L.Dense(10, activation='softmax')(h))

    inp = tf.keras.Input((28, 28, 1), name='x')
    h = L.Conv2D(16, 3, padding='same', activation='relu')(inp)
    h = L.MaxPooling2D(2)(h)
    h = L.Conv2D(32, 3, padding='same', activation='relu')(h)
    h = L.MaxPooling2D(2)(h)
    cnn = tf.keras.Model(inp, L.Dense(10, activation='softmax')(L.Flatten()(h)))
    return {
        'tensorflow': tf.__version__,
        'mlp': save_with_frozen(mlp, os.path.join(out_dir, 'mlp')),
        'cnn': save_with_frozen(cnn, os.path.join(out_dir, 'cnn')),
    }


class Big(tf.Module):
    """64 float32 variables of 16 MiB and an add_two signature: the TF twin of the bench's module."""

    def __init__(self):
        super().__init__()
        self.variables_list = [tf.Variable(tf.fill([TENSOR_ELEMENTS], float(i)), name=f'v{i}') for i in range(TENSORS)]

    @tf.function(input_signature=[tf.TensorSpec([], tf.float32)])
    def add_two(self, x):
        return {'output': x + 2.0}


def cmd_time(args):
    runs = int(args['--runs'])
    out = {'tensorflow': tf.__version__, 'threads': {'intra': tf.config.threading.get_intra_op_parallelism_threads(), 'inter': tf.config.threading.get_inter_op_parallelism_threads()}}
    # Warm-up: first load pays TF's one-time initialisation, as our side warms up with the same model.
    tf.saved_model.load(args['--warm'])

    loads = []
    for _ in range(runs):
        m, t = timed(lambda: tf.saved_model.load(args['--big']))
        assert float(m.signatures['serving_default'](x=tf.constant(5.0))['output']) == 7.0
        loads.append(t)
        del m
        gc.collect()
    out['load'] = loads

    saves = []
    for r in range(runs):
        module = Big()
        d = os.path.join(args['--save-dir'], f'tf_save_{r}')
        _, t = timed(lambda: tf.saved_model.save(module, d, signatures={'serving_default': module.add_two}))
        saves.append(t)
        shutil.rmtree(d, ignore_errors=True)
        del module
        gc.collect()
    out['save'] = saves

    cnn = tf.saved_model.load(args['--cnn'])
    f = cnn.signatures['serving_default']
    name = list(f.structured_input_signature[1].keys())[0]
    x = tf.random.uniform([CNN_BATCH, 28, 28, 1], seed=7)
    for _ in range(20):
        list(f(**{name: x}).values())[0].numpy()
    rounds = []
    for _ in range(7):
        iters = 100
        def loop():
            for _ in range(iters):
                list(f(**{name: x}).values())[0].numpy()
        _, t = timed(loop)
        rounds.append({'wall': t['wall'] / iters * 1e6, 'cpu': t['cpu'] / iters * 1e6})
    out['cnn_infer_us'] = {'wall': median([r['wall'] for r in rounds]), 'cpu': median([r['cpu'] for r in rounds])}

    if not args.get('--pb'):
        return out
    from tensorflow.core.protobuf import saved_model_pb2
    with open(args['--pb'], 'rb') as fh:
        data = fh.read()
    parses = []
    for _ in range(3):
        _, t = timed(lambda: saved_model_pb2.SavedModel.FromString(data))
        parses.append(t)
    from google.protobuf.internal import api_implementation
    out['pb_parse'] = {'bytes': len(data), 'runs': parses, 'implementation': api_implementation.Type()}
    return out


def main():
    if len(sys.argv) >= 3 and sys.argv[1] == 'models':
        result = cmd_models(os.path.abspath(sys.argv[2]))
    elif len(sys.argv) >= 3 and sys.argv[1] == 'big':
        module = Big()
        tf.saved_model.save(module, sys.argv[2], signatures={'serving_default': module.add_two})
        result = {'dir': sys.argv[2]}
    elif len(sys.argv) >= 2 and sys.argv[1] == 'time':
        rest = sys.argv[2:]
        result = cmd_time(dict(zip(rest[::2], rest[1::2])))
    else:
        sys.exit(__doc__)
    print('@@RESULT ' + json.dumps(result), flush=True)


if __name__ == '__main__':
    main()
