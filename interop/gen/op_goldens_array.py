"""TensorFlow-computed golden outputs for the op tests of the array-side kernel families.

Usage: python interop/gen/op_goldens_array.py [FAMILY ...]
Writes test/fixtures/op-goldens/<family>.json (all families when none is named).

Each case runs one op through `tf.raw_ops` in a TF1 graph (placeholders fed in a Session), so the
NodeDef TensorFlow builds is the one recorded: every attr TF sets, minus those equal to the op's
default (SavedModels strip those, so the tests exercise our defaults too).

JSON: {"tf_version", "family", "cases": [{"name", "op", "inputs": [tensor...] (flat, in input-arg
order), "attrs": {name: {kind: value}}, "outputs": [tensor...]} | "error": TF status name}].
Tensor: {"dtype": TF python name, "shape", "values": flat row-major}; non-finite floats are
"NaN"/"Infinity"/"-Infinity"; 64-bit ints are decimal strings; strings are UTF-8 text, or base64
with "encoding": "base64" when some element is not UTF-8.
Attr kinds: i f b s type shape ints floats bools strs types shapes.
"""

import base64
import json
import math
import os
import sys

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import numpy as np  # noqa: E402
import tensorflow as tf  # noqa: E402
from tensorflow.python.framework import op_def_library, op_def_registry  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "test", "fixtures", "op-goldens")

STATUS = {
    tf.errors.InvalidArgumentError: "INVALID_ARGUMENT",
    tf.errors.OutOfRangeError: "OUT_OF_RANGE",
    tf.errors.UnimplementedError: "UNIMPLEMENTED",
    tf.errors.FailedPreconditionError: "FAILED_PRECONDITION",
    tf.errors.NotFoundError: "NOT_FOUND",
}


def f32(x, shape=None):
    a = np.asarray(x, dtype=np.float32)
    return a.reshape(shape) if shape is not None else a


def i32(x, shape=None):
    a = np.asarray(x, dtype=np.int32)
    return a.reshape(shape) if shape is not None else a


def i64(x, shape=None):
    a = np.asarray(x, dtype=np.int64)
    return a.reshape(shape) if shape is not None else a


def strs(x, shape=None):
    a = np.asarray([s.encode() if isinstance(s, str) else s for s in np.ravel(x)], dtype=object)
    return a.reshape(shape if shape is not None else np.shape(x))


def arange(shape, dtype=np.float32, start=0):
    n = int(np.prod(shape))
    return np.arange(start, start + n).astype(dtype).reshape(shape)


def rand(shape, seed, lo=-1.0, hi=1.0):
    return np.random.RandomState(seed).uniform(lo, hi, size=shape).astype(np.float32)


def tensor_json(a):
    a = np.asarray(a)
    dt = tf.dtypes.as_dtype(a.dtype).name if a.dtype != object else "string"
    flat = a.reshape(-1)
    out = {"dtype": dt, "shape": list(a.shape)}
    if dt == "string":
        items = [bytes(x) for x in flat]
        try:
            out["values"] = [x.decode("utf-8") for x in items]
        except UnicodeDecodeError:
            out["values"] = [base64.b64encode(x).decode() for x in items]
            out["encoding"] = "base64"
    elif dt == "bool":
        out["values"] = [bool(x) for x in flat]
    elif a.dtype.kind == "f" or dt == "bfloat16":
        vals = []
        for x in flat.astype(np.float64):
            if math.isnan(x):
                vals.append("NaN")
            elif math.isinf(x):
                vals.append("Infinity" if x > 0 else "-Infinity")
            else:
                vals.append(float(x))
        out["values"] = vals
    elif a.dtype.itemsize == 8:
        out["values"] = [str(int(x)) for x in flat]
    else:
        out["values"] = [int(x) for x in flat]
    return out


def attr_json(value, attr_type):
    which = value.WhichOneof("value")
    if which == "list":
        lst = value.list
        kind = attr_type[5:-1]  # list(int) -> int
        if kind == "int":
            return {"ints": list(lst.i)}
        if kind == "float":
            return {"floats": list(lst.f)}
        if kind == "bool":
            return {"bools": list(lst.b)}
        if kind == "string":
            return {"strs": [s.decode() for s in lst.s]}
        if kind == "type":
            return {"types": [tf.dtypes.as_dtype(t).name for t in lst.type]}
        if kind == "shape":
            return {"shapes": [None if s.unknown_rank else [d.size for d in s.dim] for s in lst.shape]}
        raise ValueError(f"list attr kind {kind}")
    if which == "s":
        return {"s": value.s.decode()}
    if which == "i":
        return {"i": value.i}
    if which == "f":
        return {"f": value.f}
    if which == "b":
        return {"b": value.b}
    if which == "type":
        return {"type": tf.dtypes.as_dtype(value.type).name}
    if which == "shape":
        s = value.shape
        return {"shape": None if s.unknown_rank else [d.size for d in s.dim]}
    raise ValueError(f"attr kind {which}")


def py_attr(v):
    which = v.WhichOneof("value")
    if which == "list":
        lst = v.list
        return list(lst.i) or list(lst.f) or list(lst.b) or [x.decode() for x in lst.s] or []
    if which == "s":
        return v.s.decode()
    if which == "shape":
        return tf.TensorShape(None if v.shape.unknown_rank else [d.size for d in v.shape.dim])
    return getattr(v, which)


def run_case(name, op, inputs, attrs, keep_attrs=()):
    """Runs `op` with `inputs` (arg name -> array or list of arrays) and python `attrs`."""
    op_def = op_def_registry.get(op)
    g = tf.Graph()
    feed = {}
    flat_inputs = []
    with g.as_default():
        kwargs = {}
        for arg in op_def.input_arg:
            v = inputs[arg.name]
            vals = v if isinstance(v, (list, tuple)) else [v]
            phs = []
            for a in vals:
                a = np.asarray(a)
                dt = tf.string if a.dtype == object else tf.dtypes.as_dtype(a.dtype)
                ph = tf.compat.v1.placeholder(dt, shape=a.shape)
                feed[ph] = a
                phs.append(ph)
                flat_inputs.append(a)
            kwargs[arg.name] = phs if isinstance(v, (list, tuple)) else phs[0]
        for a in op_def.attr:  # the op helper wants every non-type attr spelled out
            if a.name not in attrs and a.HasField("default_value") and a.type not in ("type", "list(type)"):
                attrs[a.name] = py_attr(a.default_value)
        # OpDef argument names (raw_ops renames a few), attrs inferred as TF's op wrappers do.
        _, _, node, _ = op_def_library._apply_op_helper(op, name="op", **kwargs, **attrs)
    defaults = {a.name: a for a in op_def.attr}
    attr_out = {}
    for k, v in sorted(node.node_def.attr.items()):
        if k.startswith("_"):
            continue
        spec = defaults[k]
        if spec.HasField("default_value") and spec.default_value == v and k not in keep_attrs:
            continue
        attr_out[k] = attr_json(v, spec.type)
    case = {"name": name, "op": op, "inputs": [tensor_json(a) for a in flat_inputs], "attrs": attr_out}
    try:
        with tf.compat.v1.Session(graph=g) as sess:
            outs = sess.run(list(node.outputs), feed_dict=feed)
        case["outputs"] = [tensor_json(o) for o in outs]
    except tuple(STATUS) as e:
        case["error"] = STATUS[type(e)]
    return case


FAMILIES = {}


def family(fn):
    FAMILIES[fn.__name__.removeprefix("fam_")] = fn
    return fn


class Cases:
    def __init__(self):
        self.items = []

    def __call__(self, name, op, inputs, keep_attrs=(), **attrs):
        self.items.append(run_case(name, op, inputs, attrs, keep_attrs))


def main():
    wanted = sys.argv[1:] or list(FAMILIES)
    os.makedirs(OUT, exist_ok=True)
    for fam in wanted:
        cases = Cases()
        FAMILIES[fam](cases)
        path = os.path.join(OUT, f"{fam}.json")
        with open(path, "w") as f:
            json.dump({"tf_version": tf.__version__, "family": fam, "cases": cases.items}, f, indent=None, separators=(",", ":"))
            f.write("\n")
        print(f"{path}: {len(cases.items)} cases")


# ---------------------------------------------------------------------------------------------
# Cases, one function per family (the family files under src/graph/ops/).


@family
def fam_slicing(c):
    x234 = arange([2, 3, 4])
    c("gather rows", "Gather", {"params": arange([4, 3]), "indices": i32([[3, 0], [1, 1]])})
    c("gather int64 indices, strings", "Gather", {"params": strs(["a", "bb", "ccc"]), "indices": i64([2, 0, 2])})
    c("gather out of range", "Gather", {"params": arange([3]), "indices": i32([3])})
    c("gathernd elements", "GatherNd", {"params": x234, "indices": i32([[0, 1, 2], [1, 2, 3]])})
    c("gathernd slices", "GatherNd", {"params": x234, "indices": i64([[[1], [0]]])})
    c("gathernd strings", "GatherNd", {"params": strs([["a", "b"], ["c", "d"]]), "indices": i32([[1, 0], [0, 1]])})
    c("gathernd out of range", "GatherNd", {"params": x234, "indices": i32([[2, 0]])})
    c("reverse dims", "Reverse", {"tensor": x234, "dims": np.array([True, False, True])})
    c("reversev2 negative axis", "ReverseV2", {"tensor": x234, "axis": i32([-1, 0])})
    c("reversev2 int64 axis, ints", "ReverseV2", {"tensor": arange([2, 3], np.int32), "axis": i64([1])})
    c("reversev2 strings", "ReverseV2", {"tensor": strs([["a", "b", "c"]]), "axis": i32([1])})
    c("reversev2 no axes", "ReverseV2", {"tensor": arange([3]), "axis": i32(np.zeros([0]))})
    c("scatternd sums duplicates", "ScatterNd", {"indices": i32([[0], [2], [0]]), "updates": f32([1, 2, 4]), "shape": i32([4])})
    c("scatternd slices int64", "ScatterNd", {"indices": i64([[1], [0]]), "updates": arange([2, 3], np.int32), "shape": i64([3, 3])})
    c("scatternd out of range", "ScatterNd", {"indices": i32([[4]]), "updates": f32([1]), "shape": i32([4])})
    c("slice", "Slice", {"input": x234, "begin": i32([1, 0, 1]), "size": i32([1, -1, 2])})
    c("slice int64 strings", "Slice", {"input": strs(["a", "b", "c", "d"]), "begin": i64([1]), "size": i64([2])})
    c("slice out of range", "Slice", {"input": x234, "begin": i32([1, 0, 3]), "size": i32([1, 1, 2])})
    c("sparsetodense 2d", "SparseToDense", {"sparse_indices": i32([[0, 1], [1, 0], [2, 3]]), "output_shape": i32([3, 4]),
                                            "sparse_values": f32([5, 6, 7]), "default_value": f32(-1)})
    c("sparsetodense 1d scalar value int64", "SparseToDense", {"sparse_indices": i64([0, 3]), "output_shape": i64([5]),
                                                               "sparse_values": i32(9), "default_value": i32(1)})
    c("sparsetodense strings", "SparseToDense", {"sparse_indices": i32([[1], [2]]), "output_shape": i32([4]),
                                                 "sparse_values": strs(["x", "y"]), "default_value": strs("-", [])})
    c("sparsetodense unsorted", "SparseToDense", {"sparse_indices": i32([[2], [1]]), "output_shape": i32([4]),
                                                  "sparse_values": f32([1, 2]), "default_value": f32(0)})
    c("sparsetodense unsorted unvalidated", "SparseToDense", {"sparse_indices": i32([[2], [1]]), "output_shape": i32([4]),
                                                              "sparse_values": f32([1, 2]), "default_value": f32(0)},
      validate_indices=False)
    c("split", "Split", {"split_dim": i32(1), "value": arange([2, 4, 2])}, num_split=2)
    c("split negative dim", "Split", {"split_dim": i32(-1), "value": arange([2, 3])}, num_split=3)
    c("split strings", "Split", {"split_dim": i32(0), "value": strs(["a", "b", "c", "d"])}, num_split=2)
    c("split uneven", "Split", {"split_dim": i32(0), "value": arange([3])}, num_split=2)
    c("splitv with -1", "SplitV", {"value": arange([2, 6]), "size_splits": i64([1, -1, 2]), "split_dim": i32(1)}, num_split=3)
    c("splitv int32 sizes", "SplitV", {"value": arange([5, 1]), "size_splits": i32([2, 3]), "split_dim": i32(0)}, num_split=2)
    c("splitv bad sizes", "SplitV", {"value": arange([5]), "size_splits": i32([2, 2]), "split_dim": i32(0)}, num_split=2)
    c("tensorscatterupdate", "TensorScatterUpdate", {"tensor": arange([4, 2]), "indices": i32([[3], [1]]), "updates": f32([[9, 9], [8, 8]])})
    c("tensorscatterupdate elements int64", "TensorScatterUpdate", {"tensor": arange([2, 2], np.int32), "indices": i64([[0, 1]]), "updates": i32([7])})
    c("tensorscatterupdate out of range", "TensorScatterUpdate", {"tensor": arange([2]), "indices": i32([[2]]), "updates": f32([1])})
    c("tensorscatteradd duplicates", "TensorScatterAdd", {"tensor": arange([4]), "indices": i32([[1], [1], [3]]), "updates": f32([1, 2, 3])})
    c("tensorscattersub", "TensorScatterSub", {"tensor": arange([2, 2]), "indices": i32([[1]]), "updates": f32([[5, 6]])})


if __name__ == "__main__":
    main()
