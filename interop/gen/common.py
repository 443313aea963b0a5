"""Shared helpers of the model generators: tensor <-> JSON encoding and golden.json writing.

Every generator script writes a SavedModel (or checkpoint) into the directory given as its only
argument plus a `golden.json` describing what TensorFlow says about it:

- `meta_graphs`: per tag set, every SignatureDef (method name, inputs/outputs: tensor name,
  dtype, shape), read from saved_model.pb itself;
- `calls`: signature calls of the *reloaded* model (`tf.saved_model.load`) with their inputs and
  outputs;
- `functions`: calls of restored tf.functions (`loaded.__call__(x)` ...);
- `object_values`: variables reached through the restored object graph (`loaded.dense.kernel`);
- `checkpoints`: for each checkpoint prefix, every key with the exact value that
  `tf.train.load_checkpoint` reads back, and the data shard files.

Tensor encoding (`tensor_json`): {"dtype": TF python name, "shape": [...], "values": flat
row-major list}. Floats are JSON numbers (exact: float32/16/bfloat16 values are widened to
float64 and printed round-trip), non-finite floats are the strings "NaN", "Infinity",
"-Infinity"; complex values are interleaved [re, im, ...]; 64-bit integers are decimal strings;
strings are UTF-8 text, or base64 when any element is not valid UTF-8 ("encoding": "base64").
"""

import atexit
import base64
import json
import math
import os
import shutil
import sys
import tempfile

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

import numpy as np  # noqa: E402
import tensorflow as tf  # noqa: E402

UNAVAILABLE_EXIT = 42
"""Exit status of a generator whose API does not exist in this TensorFlow version."""


def out_dir():
    """The output directory given on the command line (created empty)."""
    if len(sys.argv) != 2:
        sys.exit(f"usage: {sys.argv[0]} OUT_DIR")
    d = os.path.abspath(sys.argv[1])
    if os.path.exists(d):
        shutil.rmtree(d)
    os.makedirs(d)
    return d


def unavailable(reason):
    """Ends the generator: the model cannot be made with this TensorFlow version."""
    print(json.dumps({"unavailable": reason}))
    sys.exit(UNAVAILABLE_EXIT)


def seed(n=1234):
    """Fixes every random seed the generators rely on."""
    np.random.seed(n)
    tf.random.set_seed(n)
    try:
        tf.keras.utils.set_random_seed(n)
    except Exception:  # pragma: no cover - keras missing
        pass


def tf_version():
    return tf.__version__


def _float(x):
    x = float(x)
    if math.isnan(x):
        return "NaN"
    if math.isinf(x):
        return "Infinity" if x > 0 else "-Infinity"
    return x


def tensor_json(value, dtype=None):
    """Encodes a tensor / numpy array / python value as described in the module doc."""
    if isinstance(value, (tf.Tensor, tf.Variable)):
        dtype = dtype or value.dtype
        value = value.numpy()
    dt = tf.as_dtype(dtype) if dtype is not None else None
    arr = np.asarray(value)
    if dt is None:
        dt = tf.string if arr.dtype.kind in "OSU" else tf.as_dtype(arr.dtype)
    out = {"dtype": dt.name, "shape": [int(d) for d in arr.shape]}
    flat = arr.reshape(-1)
    if dt == tf.string:
        items = [x if isinstance(x, bytes) else str(x).encode("utf-8") for x in flat.tolist()]
        try:
            out["values"] = [b.decode("utf-8") for b in items]
        except UnicodeDecodeError:
            out["encoding"] = "base64"
            out["values"] = [base64.b64encode(b).decode("ascii") for b in items]
    elif dt.is_complex:
        vals = []
        for c in flat.tolist():
            vals += [_float(c.real), _float(c.imag)]
        out["values"] = vals
    elif dt.is_floating:
        out["values"] = [_float(x) for x in flat.astype(np.float64).tolist()]
    elif dt == tf.bool:
        out["values"] = [bool(x) for x in flat.tolist()]
    elif dt.size == 8:
        out["values"] = [str(int(x)) for x in flat.tolist()]
    else:
        out["values"] = [int(x) for x in flat.tolist()]
    return out


def tensor_from_json(j):
    """Inverse of tensor_json: a tf.Tensor."""
    dt = tf.as_dtype(j["dtype"])
    vals = j["values"]
    if dt == tf.string:
        if j.get("encoding") == "base64":
            data = [base64.b64decode(v) for v in vals]
        else:
            data = [v.encode("utf-8") for v in vals]
        arr = np.array(data, dtype=object)
    elif dt.is_complex:
        pairs = [complex(float(vals[i]), float(vals[i + 1])) for i in range(0, len(vals), 2)]
        arr = np.array(pairs, dtype=dt.as_numpy_dtype)
    elif dt.is_floating:
        arr = np.array([float(v) for v in vals], dtype=np.float64).astype(dt.as_numpy_dtype)
    elif dt == tf.bool:
        arr = np.array(vals, dtype=bool)
    else:
        arr = np.array([int(v) for v in vals], dtype=dt.as_numpy_dtype)
    return tf.constant(arr.reshape(j["shape"]), dtype=dt)


def structure_json(value):
    """Encodes a (possibly nested dict/list) function result."""
    if isinstance(value, dict):
        return {"kind": "dict", "items": {k: structure_json(v) for k, v in sorted(value.items())}}
    if isinstance(value, (list, tuple)):
        return {"kind": "list", "items": [structure_json(v) for v in value]}
    return {"kind": "tensor", "tensor": tensor_json(value)}


def _shape_json(shape_proto):
    if shape_proto.unknown_rank:
        return None
    return [int(d.size) for d in shape_proto.dim]


def _tensor_info_json(info):
    kind = info.WhichOneof("encoding")
    # DT_INVALID (0) appears on TF2's __saved_model_init_op pseudo-signature
    out = {"dtype": tf.as_dtype(info.dtype).name if info.dtype else "invalid",
           "shape": _shape_json(info.tensor_shape)}
    if kind == "name":
        out["name"] = info.name
    else:
        out["encoding"] = kind
    return out


def meta_graphs_json(export_dir):
    """Tag sets and SignatureDefs as stored in saved_model.pb."""
    from tensorflow.core.protobuf import saved_model_pb2

    sm = saved_model_pb2.SavedModel()
    with open(os.path.join(export_dir, "saved_model.pb"), "rb") as f:
        sm.ParseFromString(f.read())
    graphs = []
    for mg in sm.meta_graphs:
        sigs = {}
        for key in sorted(mg.signature_def):
            sd = mg.signature_def[key]
            sigs[key] = {
                "method_name": sd.method_name,
                "inputs": {k: _tensor_info_json(sd.inputs[k]) for k in sorted(sd.inputs)},
                "outputs": {k: _tensor_info_json(sd.outputs[k]) for k in sorted(sd.outputs)},
            }
        graphs.append({
            "tags": list(mg.meta_info_def.tags),
            "tensorflow_version": mg.meta_info_def.tensorflow_version,
            "has_object_graph": mg.HasField("object_graph_def"),
            "signatures": sigs,
        })
    return graphs


def checkpoint_json(prefix, rel_prefix):
    """Every key of the checkpoint at `prefix` with the value tf.train.load_checkpoint reads."""
    reader = tf.train.load_checkpoint(prefix)
    dtypes = reader.get_variable_to_dtype_map()
    values = {}
    for key in sorted(dtypes):
        v = reader.get_tensor(key)
        values[key] = tensor_json(np.asarray(v, dtype=object if dtypes[key] == tf.string else None),
                                  dtypes[key])
    d = os.path.dirname(prefix)
    base = os.path.basename(prefix)
    shards = sorted(f for f in os.listdir(d) if f.startswith(base + ".data-"))
    return {"prefix": rel_prefix, "data_files": shards, "values": values}


def signature_calls(export_dir, inputs_by_signature, tags=None):
    """Reloads the model and calls each signature with the given {name: array} inputs."""
    loaded = tf.saved_model.load(export_dir, tags=tags)
    calls = []
    for key, input_sets in inputs_by_signature.items():
        fn = loaded.signatures[key]
        for inputs in input_sets:
            tin = {k: tf.constant(v) if not isinstance(v, tf.Tensor) else v for k, v in inputs.items()}
            # cast to the declared dtype so goldens hold what the signature takes
            spec = fn.structured_input_signature[1]
            tin = {k: tf.cast(t, spec[k].dtype) if t.dtype != spec[k].dtype and spec[k].dtype != tf.string else t
                   for k, t in tin.items()}
            out = fn(**tin)
            calls.append({
                "signature": key,
                "inputs": {k: tensor_json(t) for k, t in sorted(tin.items())},
                "outputs": {k: tensor_json(t) for k, t in sorted(out.items())},
            })
    return calls


def session_run(export_dir, signature_key, inputs, tags=("serve",)):
    """The guide's load_tf1: tf.compat.v1.saved_model.load + Session.run by tensor names."""
    tf1 = tf.compat.v1
    with tf.Graph().as_default():
        with tf1.Session() as sess:
            mg = tf1.saved_model.load(sess, list(tags), export_dir)
            sd = mg.signature_def[signature_key]
            feed = {sd.inputs[k].name: v for k, v in inputs.items()}
            fetch = {k: sd.outputs[k].name for k in sd.outputs}
            return sess.run(fetch, feed_dict=feed)


def assert_close(a, b, rtol=1e-6, what=""):
    """Python-side self-check of two result sets (raises on mismatch)."""
    a = np.asarray(a)
    b = np.asarray(b)
    if a.dtype.kind in "OSU" or b.dtype.kind in "OSU":
        assert a.tolist() == b.tolist(), f"{what}: {a!r} != {b!r}"
    else:
        np.testing.assert_allclose(a.astype(np.float64), b.astype(np.float64), rtol=rtol, atol=1e-7,
                                   err_msg=what)


def write_golden(export_dir, golden):
    """Writes golden.json (stable key order) after filling in the version fields."""
    g = {"tensorflow": tf.__version__}
    try:
        import importlib.metadata as md
        for pkg in ("tf-keras", "keras"):
            try:
                g["keras"] = f"{pkg}=={md.version(pkg)}"
                break
            except md.PackageNotFoundError:
                pass
    except Exception:  # pragma: no cover
        pass
    g.update(golden)
    with open(os.path.join(export_dir, "golden.json"), "w") as f:
        f.write(dumps(g) + "\n")


def dumps(obj, indent=0):
    """JSON with one key per line but lists of scalars kept on one line (readable diffs)."""
    pad = " " * (indent + 1)
    if isinstance(obj, dict):
        if not obj:
            return "{}"
        items = [f"{pad}{json.dumps(k)}: {dumps(v, indent + 1)}" for k, v in obj.items()]
        return "{\n" + ",\n".join(items) + "\n" + " " * indent + "}"
    if isinstance(obj, list) and any(isinstance(v, (dict, list)) for v in obj):
        items = [pad + dumps(v, indent + 1) for v in obj]
        return "[\n" + ",\n".join(items) + "\n" + " " * indent + "]"
    return json.dumps(obj, allow_nan=False)


def golden_for_saved_model(export_dir, *, model, source, rtol, inputs_by_signature, tags=None,
                           functions=None, object_values=None, extra=None, checkpoint_prefix=None):
    """Builds and writes the golden.json of a SavedModel directory."""
    golden = {
        "model": model,
        "kind": "saved_model",
        "source": source,
        "rtol": rtol,
        "saved_model": ".",
        "meta_graphs": meta_graphs_json(export_dir),
        "calls": signature_calls(export_dir, inputs_by_signature, tags) if inputs_by_signature else [],
        "functions": functions or [],
        "object_values": object_values or [],
        "checkpoints": [],
    }
    prefix = checkpoint_prefix or os.path.join(export_dir, "variables", "variables")
    if os.path.exists(prefix + ".index"):
        golden["checkpoints"].append(checkpoint_json(prefix, os.path.relpath(prefix, export_dir)))
    if extra:
        golden.update(extra)
    write_golden(export_dir, golden)
    return golden


def function_call(loaded, path, *args, **kwargs):
    """Calls loaded.<path>(*args) and records args and result."""
    obj = loaded
    for part in path.split("."):
        obj = getattr(obj, part)
    result = obj(*args, **kwargs)
    rec = {"path": path, "args": [tensor_json(tf.convert_to_tensor(a)) for a in args],
           "result": structure_json(result)}
    if kwargs:
        rec["kwargs"] = {k: tensor_json(tf.convert_to_tensor(v)) for k, v in sorted(kwargs.items())}
    return rec


def object_value(loaded, path):
    """Reads a variable through the restored object graph: loaded.<path>."""
    obj = loaded
    for part in path.split("."):
        obj = getattr(obj, part)
    return {"path": path, "value": tensor_json(obj)}


def workdir():
    """A scratch directory for snippets that write to relative paths, as the guide does."""
    d = tempfile.mkdtemp(prefix="savedmodel-gen-")
    os.chdir(d)
    atexit.register(shutil.rmtree, d, True)
    return d


def move_into(src, dst):
    """Moves the contents of directory src into (existing, empty) dst."""
    for name in os.listdir(src):
        shutil.move(os.path.join(src, name), os.path.join(dst, name))


def randomize_weights(model, seed_value=7):
    """Overwrites every weight of a Keras model with seeded values of a sensible scale, so outputs
    are non-trivial (BatchNorm statistics included) without training."""
    rs = np.random.RandomState(seed_value)
    for w in model.weights:
        name = w.name
        shape = tuple(w.shape)
        if "moving_variance" in name or "gamma" in name:
            val = rs.uniform(0.5, 1.5, size=shape)
        elif "moving_mean" in name or "beta" in name or "bias" in name:
            val = rs.normal(0.0, 0.2, size=shape)
        else:
            fan_in = int(np.prod(shape[:-1])) if len(shape) > 1 else max(1, shape[0] if shape else 1)
            val = rs.normal(0.0, 1.0 / np.sqrt(fan_in), size=shape)
        w.assign(val.astype(w.dtype.as_numpy_dtype if hasattr(w.dtype, "as_numpy_dtype") else np.float32))


def rand(shape, seed_value, dtype=np.float32, scale=1.0):
    """Seeded normal test inputs."""
    return tf.constant((np.random.RandomState(seed_value).normal(size=shape) * scale).astype(dtype))
