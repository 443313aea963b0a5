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


def inferred_types(op_def, inputs):
    """Type attrs implied by the inputs' dtypes (for nodes TF refuses to build)."""
    out = {}
    for arg in op_def.input_arg:
        vals = [np.asarray(a) for a in as_list(inputs[arg.name])]
        dts = [("string" if a.dtype == object else tf.dtypes.as_dtype(a.dtype).name) for a in vals]
        if arg.type_attr:
            out[arg.type_attr] = {"type": dts[0]}
        elif arg.type_list_attr:
            out[arg.type_list_attr] = {"types": dts}
        if arg.number_attr:
            out[arg.number_attr] = {"i": len(vals)}
    return out


def as_list(v):
    return list(v) if isinstance(v, (list, tuple)) else [v]


def build_graph(op_def, op, inputs, attrs, level):
    g = tf.Graph()
    feed = {}
    flat_inputs = []
    with g.as_default():
        kwargs = {}
        for arg in op_def.input_arg:
            v = inputs[arg.name]
            phs = []
            for a in as_list(v):
                a = np.asarray(a)
                dt = tf.string if a.dtype == object else tf.dtypes.as_dtype(a.dtype)
                shape = None if level == "unknown" else [None] * a.ndim if level == "rank" else a.shape
                ph = tf.compat.v1.placeholder(dt, shape=shape)
                feed[ph] = a
                phs.append(ph)
                flat_inputs.append(a)
            kwargs[arg.name] = phs if isinstance(v, (list, tuple)) else phs[0]
        # OpDef argument names (raw_ops renames a few), attrs inferred as TF's op wrappers do.
        _, _, node, _ = op_def_library._apply_op_helper(op, name="op", **kwargs, **attrs)
    return g, node, feed, flat_inputs


def run_case(name, op, inputs, attrs, keep_attrs=(), runs=1):
    """Runs `op` with `inputs` (arg name -> array or list of arrays) and python `attrs`."""
    op_def = op_def_registry.get(op)
    inferred = {arg.number_attr for arg in op_def.input_arg}
    for a in op_def.attr:  # the op helper wants every non-inferred attr spelled out
        if a.name not in attrs and a.name not in inferred and a.HasField("default_value") and a.type not in ("type", "list(type)"):
            attrs[a.name] = py_attr(a.default_value)
    # Placeholders as unknown as TF's shape functions allow, so bad inputs fail at run time with a
    # status; when even static shapes are rejected the case records INVALID_ARGUMENT.
    for level in ("unknown", "rank", "static"):
        try:
            g, node, feed, flat_inputs = build_graph(op_def, op, inputs, attrs, level)
            break
        except ValueError:
            if level == "static":
                # TF rejects the node itself: record the attrs as given (types inferred from inputs)
                flat = [np.asarray(a) for arg in op_def.input_arg for a in as_list(inputs[arg.name])]
                specs = {a.name: a for a in op_def.attr}
                given = {k: attr_json(op_def_library.value_to_attr_value(v, specs[k].type, k), specs[k].type) for k, v in attrs.items()
                         if not (specs[k].HasField("default_value") and op_def_library.value_to_attr_value(v, specs[k].type, k) == specs[k].default_value)}
                given.update(inferred_types(op_def, inputs))
                return {"name": name, "op": op, "inputs": [tensor_json(a) for a in flat], "attrs": given, "error": "INVALID_ARGUMENT"}
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
            outs = [sess.run(list(node.outputs), feed_dict=feed) for _ in range(runs)]
        case["outputs"] = [tensor_json(o) for o in outs[0]]
        if runs > 1:  # a stateful op: what later calls of the same node return
            case["later_outputs"] = [[tensor_json(o) for o in r] for r in outs[1:]]
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

    def __call__(self, name, op, inputs, keep_attrs=(), runs=1, **attrs):
        self.items.append(run_case(name, op, inputs, attrs, keep_attrs, runs))

    def custom(self, name, op, inputs, attrs, outputs):
        """A case for an op TF does not register (tfjs-converter pseudo-ops): inputs and JSON attrs
        as given, outputs computed by TF through the equivalent public API."""
        self.items.append({"name": name, "op": op, "inputs": [tensor_json(a) for a in inputs], "attrs": attrs,
                           "outputs": [tensor_json(np.asarray(o)) for o in outputs]})


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


@family
def fam_transform(c):
    img = arange([1, 4, 4, 2])
    c("spacetobatchnd 2d", "SpaceToBatchND", {"input": img, "block_shape": i32([2, 2]), "paddings": i32([[0, 0], [0, 0]])})
    c("spacetobatchnd padded int64", "SpaceToBatchND", {"input": arange([2, 3, 2, 1]), "block_shape": i64([2, 2]),
                                                          "paddings": i64([[1, 0], [1, 1]])})
    c("spacetobatchnd 1d block", "SpaceToBatchND", {"input": arange([1, 6, 2]), "block_shape": i32([3]), "paddings": i32([[0, 0]])})
    c("spacetobatchnd not divisible", "SpaceToBatchND", {"input": arange([1, 3, 2, 1]), "block_shape": i32([2, 2]),
                                                         "paddings": i32([[0, 0], [0, 0]])})
    c("batchtospacend 2d", "BatchToSpaceND", {"input": arange([4, 2, 2, 1]), "block_shape": i32([2, 2]), "crops": i32([[0, 0], [0, 0]])})
    c("batchtospacend cropped", "BatchToSpaceND", {"input": arange([8, 2, 2, 3]), "block_shape": i64([2, 2]),
                                                   "crops": i64([[1, 0], [0, 1]])})
    c("batchtospacend 1d ints", "BatchToSpaceND", {"input": arange([4, 1, 1], np.int32), "block_shape": i32([2]),
                                                   "crops": i32([[0, 0]])})
    c("broadcastargs", "BroadcastArgs", {"s0": i32([2, 1, 3]), "s1": i32([4, 1])})
    c("broadcastargs int64", "BroadcastArgs", {"s0": i64([1]), "s1": i64([5, 2])})
    c("broadcastargs incompatible", "BroadcastArgs", {"s0": i32([2, 3]), "s1": i32([4, 3])})
    c("broadcastto", "BroadcastTo", {"input": arange([3, 1]), "shape": i32([2, 3, 4])})
    c("broadcastto ints int64 shape", "BroadcastTo", {"input": i32([1, 2]), "shape": i64([3, 2])})
    c("broadcastto strings", "BroadcastTo", {"input": strs(["x", "y"]), "shape": i32([2, 2])})
    c("broadcastto same shape", "BroadcastTo", {"input": arange([2]), "shape": i32([2])})
    c("broadcastto bad", "BroadcastTo", {"input": arange([3]), "shape": i32([2])})
    c("depthtospace nhwc", "DepthToSpace", {"input": arange([1, 2, 2, 8])}, block_size=2)
    c("depthtospace block 3", "DepthToSpace", {"input": arange([1, 1, 2, 9])}, block_size=3)
    c("spacetodepth nhwc", "SpaceToDepth", {"input": arange([1, 4, 4, 2])}, block_size=2)
    c("spacetodepth ints", "SpaceToDepth", {"input": arange([2, 2, 4, 1], np.int32)}, block_size=2)
    c("spacetodepth not divisible", "SpaceToDepth", {"input": arange([1, 3, 4, 1])}, block_size=2)
    c("mirrorpad reflect", "MirrorPad", {"input": arange([2, 3]), "paddings": i32([[1, 1], [2, 2]])}, mode="REFLECT")
    c("mirrorpad symmetric int64", "MirrorPad", {"input": arange([2, 3], np.int32), "paddings": i64([[2, 1], [0, 3]])}, mode="SYMMETRIC")
    c("mirrorpad 3d", "MirrorPad", {"input": arange([2, 2, 3]), "paddings": i32([[1, 0], [0, 1], [2, 1]])}, mode="REFLECT")
    c("mirrorpad too large", "MirrorPad", {"input": arange([2]), "paddings": i32([[2, 0]])}, mode="REFLECT")
    c("pad", "Pad", {"input": arange([2, 2]), "paddings": i32([[1, 0], [0, 2]])})
    c("pad int64 paddings, ints", "Pad", {"input": i32([1, 2]), "paddings": i64([[2, 1]])})
    c("pad strings", "Pad", {"input": strs(["a", "b"]), "paddings": i32([[1, 1]])})
    c("pad bools", "Pad", {"input": np.array([True, True]), "paddings": i32([[0, 1]])})
    c("pad negative", "Pad", {"input": arange([2]), "paddings": i32([[-1, 0]])})
    c("padv2", "PadV2", {"input": arange([1, 2]), "paddings": i32([[1, 1], [1, 0]]), "constant_values": f32(-7.5)})
    c("padv2 strings", "PadV2", {"input": strs(["a"]), "paddings": i32([[0, 2]]), "constant_values": strs("pad", [])})


@family
def fam_graph(c):
    c("rank", "Rank", {"input": arange([2, 3, 1])})
    c("rank scalar string", "Rank", {"input": strs("s", [])})
    c("size", "Size", {"input": arange([2, 3])})
    c("size int64 of empty", "Size", {"input": arange([2, 0]), }, out_type=tf.int64)
    c("shapen", "ShapeN", {"input": [arange([2, 3]), arange([4])]})
    c("shapen int64", "ShapeN", {"input": [i32(5), arange([1, 2, 3], np.int32)]}, out_type=tf.int64)
    c("ensureshape", "EnsureShape", {"input": arange([2, 3])}, shape=[2, None])
    c("ensureshape unknown rank", "EnsureShape", {"input": strs(["a"])}, shape=tf.TensorShape(None))
    c("ensureshape mismatch", "EnsureShape", {"input": arange([2, 3])}, shape=[2, 4])
    c("ensureshape rank mismatch", "EnsureShape", {"input": arange([2, 3])}, shape=[6])
    c("print passes input through", "Print", {"input": arange([3]), "data": [arange([2, 2]), strs(["m"])]}, message="msg")
    x = f32([-7, -6, -3.1, -0.04, 0, 0.02, 0.5, 1.234, 2.9999, 5.99, 6, 7.3, 100])
    c("fakequant vars", "FakeQuantWithMinMaxVars", {"inputs": x, "min": f32(-6), "max": f32(6)})
    c("fakequant vars asymmetric narrow 4 bits", "FakeQuantWithMinMaxVars", {"inputs": x, "min": f32(-0.3), "max": f32(7.1)},
      num_bits=4, narrow_range=True)
    c("fakequant vars positive range", "FakeQuantWithMinMaxVars", {"inputs": x, "min": f32(0.5), "max": f32(3)})
    c("fakequant vars negative range", "FakeQuantWithMinMaxVars", {"inputs": x, "min": f32(-8), "max": f32(-1)}, num_bits=6)
    c("fakequant args defaults", "FakeQuantWithMinMaxArgs", {"inputs": x})
    c("fakequant args", "FakeQuantWithMinMaxArgs", {"inputs": x}, min=-1.5, max=2.25, num_bits=5, narrow_range=True)


@family
def fam_creation(c):
    c("linspace", "LinSpace", {"start": f32(0), "stop": f32(1), "num": i32(5)})
    c("linspace negative step int64 num", "LinSpace", {"start": f32(7.1), "stop": f32(-3.3), "num": i64(7)})
    c("linspace one", "LinSpace", {"start": f32(2.5), "stop": f32(9), "num": i32(1)})
    c("linspace float64", "LinSpace", {"start": np.float64(-1), "stop": np.float64(1 / 3), "num": i32(4)})
    c("linspace zero", "LinSpace", {"start": f32(0), "stop": f32(1), "num": i32(0)})
    c("oneslike", "OnesLike", {"x": arange([2, 3])})
    c("oneslike ints", "OnesLike", {"x": i32([4, 5])})
    c("oneslike bools", "OnesLike", {"x": np.array([False, True])})
    c("zeroslike", "ZerosLike", {"x": arange([2, 2])})
    c("zeroslike int64", "ZerosLike", {"x": i64([[3], [9]])})
    c("zeroslike bools", "ZerosLike", {"x": np.array([True])})
    c("zeroslike strings", "ZerosLike", {"x": strs(["a", "b"])})
    c("standard normal", "RandomStandardNormal", {"shape": i32([3, 5])}, seed=87654321, seed2=7, dtype=tf.float32, runs=3)
    c("standard normal float64", "RandomStandardNormal", {"shape": i64([7])}, seed=-5, seed2=12345678901, dtype=tf.float64, runs=2)
    c("standard normal empty", "RandomStandardNormal", {"shape": i32([2, 0])}, seed=1, seed2=2, dtype=tf.float32)
    c("truncated normal", "TruncatedNormal", {"shape": i32([2, 7])}, seed=87654321, seed2=3, dtype=tf.float32, runs=2)
    c("truncated normal large", "TruncatedNormal", {"shape": i32([1000])}, seed=42, seed2=42, dtype=tf.float32)
    c("truncated normal float64", "TruncatedNormal", {"shape": i32([5])}, seed=9, seed2=0, dtype=tf.float64, runs=2)
    c("uniform int", "RandomUniformInt", {"shape": i32([11]), "minval": i32(-5), "maxval": i32(1000)}, seed=1, seed2=2, runs=2)
    c("uniform int64", "RandomUniformInt", {"shape": i64([2, 3]), "minval": i64(-3), "maxval": i64(7)}, seed=11, seed2=0, runs=2)
    c("uniform int full range", "RandomUniformInt", {"shape": i32([6]), "minval": i32(-2**31), "maxval": i32(2**31 - 1)}, seed=3, seed2=4)
    c("uniform int empty range", "RandomUniformInt", {"shape": i32([2]), "minval": i32(5), "maxval": i32(5)}, seed=3, seed2=4)
    logits = f32([[0, 1, 2, -1], [-np.inf, 0, 0, np.log(8)]])
    c("multinomial", "Multinomial", {"logits": logits, "num_samples": i32(6)}, seed=87654321, seed2=5, runs=2)
    c("multinomial int32 output", "Multinomial", {"logits": f32([[1, 1], [5, -5], [0, 0]]), "num_samples": i32(8)},
      seed=1, seed2=1, output_dtype=tf.int32, runs=3)
    c("multinomial bad logits", "Multinomial", {"logits": f32([1, 2]), "num_samples": i32(2)}, seed=1, seed2=1)


@family
def fam_dynamic(c):
    c("where bools", "Where", {"input": np.array([[True, False, True], [False, False, True]])})
    c("where floats 3d", "Where", {"input": f32([[[0, 1.5], [np.nan, 0]], [[-2, 0], [0, 0]]])})
    c("where ints none", "Where", {"input": i32([0, 0, 0])})
    c("where scalar", "Where", {"input": np.array(True)})
    c("listdiff", "ListDiff", {"x": i32([1, 2, 3, 4, 5, 6]), "y": i32([1, 3, 5])})
    c("listdiff floats int64 idx", "ListDiff", {"x": f32([0.5, 1, 0.5, 2]), "y": f32([1, 9])}, out_idx=tf.int64)
    c("listdiff strings", "ListDiff", {"x": strs(["a", "b", "c"]), "y": strs(["b"])})
    boxes = f32([[0, 0, 1, 1], [0, 0.1, 1, 1.1], [0, -0.1, 1, 0.9], [0, 10, 1, 11], [0, 10.1, 1, 11.1], [0, 100, 1, 101]])
    scores = f32([0.9, 0.75, 0.6, 0.95, 0.5, 0.3])
    c("nms v1", "NonMaxSuppression", {"boxes": boxes, "scores": scores, "max_output_size": i32(3)})
    c("nms v1 threshold", "NonMaxSuppression", {"boxes": boxes, "scores": scores, "max_output_size": i32(10)}, iou_threshold=0.9)
    c("nms v2", "NonMaxSuppressionV2", {"boxes": boxes, "scores": scores, "max_output_size": i32(4), "iou_threshold": f32(0.5)})
    flipped = f32([[1, 1, 0, 0], [0, 0.1, 1, 1.1], [1, 0.9, 0, -0.1], [0, 10, 1, 11]])
    c("nms v2 flipped corners", "NonMaxSuppressionV2", {"boxes": flipped, "scores": scores[:4], "max_output_size": i32(4),
                                                        "iou_threshold": f32(0.5)})
    c("nms v2 bad iou", "NonMaxSuppressionV2", {"boxes": boxes, "scores": scores, "max_output_size": i32(4), "iou_threshold": f32(1.5)})
    c("nms v3 score threshold", "NonMaxSuppressionV3", {"boxes": boxes, "scores": scores, "max_output_size": i32(6),
                                                       "iou_threshold": f32(0.5), "score_threshold": f32(0.5)})
    c("nms v4 padded", "NonMaxSuppressionV4", {"boxes": boxes, "scores": scores, "max_output_size": i32(6),
                                               "iou_threshold": f32(0.5), "score_threshold": f32(0.4)}, pad_to_max_output_size=True)
    c("nms v4 unpadded", "NonMaxSuppressionV4", {"boxes": boxes, "scores": scores, "max_output_size": i32(6),
                                                 "iou_threshold": f32(0.5), "score_threshold": f32(0.4)})
    c("nms v5 hard", "NonMaxSuppressionV5", {"boxes": boxes, "scores": scores, "max_output_size": i32(5), "iou_threshold": f32(0.5),
                                             "score_threshold": f32(0.0), "soft_nms_sigma": f32(0.0)})
    rng = np.random.RandomState(40)
    cb = rng.uniform(-0.2, 1.1, [2, 12, 1, 4]).astype(np.float32)
    cb[..., 2:] = cb[..., :2] + rng.uniform(0.05, 0.5, [2, 12, 1, 2]).astype(np.float32)
    cs = rng.uniform(0, 1, [2, 12, 3]).astype(np.float32)
    cargs = {"boxes": cb, "scores": cs, "max_output_size_per_class": i32(3), "max_total_size": i32(7), "iou_threshold": f32(0.4),
             "score_threshold": f32(0.2)}
    c("combined nms shared boxes", "CombinedNonMaxSuppression", cargs)
    c("combined nms per-class boxes no clip", "CombinedNonMaxSuppression",
      {**cargs, "boxes": np.repeat(cb, 3, axis=2) + np.arange(3, dtype=np.float32).reshape(1, 1, 3, 1) * 0.01,
       "max_total_size": i32(20)}, clip_boxes=False)
    c("combined nms pad per class", "CombinedNonMaxSuppression", {**cargs, "max_output_size_per_class": i32(2), "max_total_size": i32(50)},
      pad_per_class=True)
    c("nms v5 soft padded", "NonMaxSuppressionV5", {"boxes": boxes, "scores": scores, "max_output_size": i32(8), "iou_threshold": f32(1.0),
                                                    "score_threshold": f32(0.1), "soft_nms_sigma": f32(0.5)}, pad_to_max_output_size=True)


def t_attr(dtype):
    return {"type": tf.dtypes.as_dtype(dtype).name}


@family
def fam_conv(c):
    x5 = rand([1, 4, 5, 5, 2], 1)
    w5 = rand([2, 3, 3, 2, 3], 2)
    c("conv3d same strided", "Conv3D", {"input": x5, "filter": w5}, strides=[1, 1, 2, 2, 1], padding="SAME")
    c("conv3d valid", "Conv3D", {"input": x5, "filter": w5}, strides=[1, 2, 1, 1, 1], padding="VALID")
    c("conv3d dilated", "Conv3D", {"input": x5, "filter": w5}, strides=[1, 1, 1, 1, 1], padding="SAME", dilations=[1, 1, 2, 2, 1])
    dy = rand([1, 3, 3, 4], 3)
    w = rand([3, 3, 2, 4], 4)
    c("conv2dbackpropinput same", "Conv2DBackpropInput", {"input_sizes": i32([1, 5, 5, 2]), "filter": w, "out_backprop": dy},
      strides=[1, 2, 2, 1], padding="SAME")
    c("conv2dbackpropinput valid even", "Conv2DBackpropInput", {"input_sizes": i32([1, 8, 7, 2]), "filter": w, "out_backprop": dy},
      strides=[1, 2, 2, 1], padding="VALID")
    c("conv2dbackpropinput explicit", "Conv2DBackpropInput", {"input_sizes": i32([1, 4, 5, 2]), "filter": w, "out_backprop": dy},
      strides=[1, 1, 2, 1], padding="EXPLICIT", explicit_paddings=[0, 0, 0, 1, 2, 1, 0, 0])
    c("conv2dbackpropinput dilated", "Conv2DBackpropInput", {"input_sizes": i32([1, 7, 7, 2]), "filter": w, "out_backprop": dy},
      strides=[1, 1, 1, 1], padding="VALID", dilations=[1, 2, 2, 1])
    c("conv2dbackpropinput nchw", "Conv2DBackpropInput", {"input_sizes": i32([1, 2, 5, 5]), "filter": w,
                                                          "out_backprop": np.transpose(dy, [0, 3, 1, 2]).copy()},
      strides=[1, 1, 2, 2], padding="SAME", data_format="NCHW")
    img = rand([2, 5, 5, 2], 5)
    c("dilation2d same strided", "Dilation2D", {"input": img, "filter": rand([3, 3, 2], 6)}, strides=[1, 2, 2, 1], rates=[1, 1, 1, 1],
      padding="SAME")
    c("dilation2d valid rates", "Dilation2D", {"input": img, "filter": rand([2, 2, 2], 7)}, strides=[1, 1, 1, 1], rates=[1, 2, 2, 1],
      padding="VALID")
    x4 = rand([1, 6, 6, 3], 8)
    w4 = rand([3, 3, 3, 4], 9)
    b = rand([4], 10)
    fc = dict(strides=[1, 1, 1, 1], padding="SAME")
    c("fusedconv2d biasadd", "_FusedConv2D", {"input": x4, "filter": w4, "args": [b], "host_args": []}, fused_ops=["BiasAdd"], num_args=1, **fc)
    c("fusedconv2d biasadd relu strided", "_FusedConv2D", {"input": x4, "filter": w4, "args": [b], "host_args": []},
      fused_ops=["BiasAdd", "Relu"], num_args=1, strides=[1, 2, 2, 1], padding="VALID")
    c("fusedconv2d biasadd relu6", "_FusedConv2D", {"input": x4 * 4, "filter": w4, "args": [b], "host_args": []},
      fused_ops=["BiasAdd", "Relu6"], num_args=1, **fc)
    c("fusedconv2d biasadd elu", "_FusedConv2D", {"input": x4, "filter": w4, "args": [b], "host_args": []},
      fused_ops=["BiasAdd", "Elu"], num_args=1, **fc)
    c("fusedconv2d biasadd leakyrelu", "_FusedConv2D", {"input": x4, "filter": w4, "args": [b], "host_args": []},
      fused_ops=["BiasAdd", "LeakyRelu"], num_args=1, leakyrelu_alpha=0.3, **fc)
    c("fusedconv2d batchnorm relu", "_FusedConv2D",
      {"input": x4, "filter": w4, "args": [rand([4], 11, 0.5, 2), b, rand([4], 12), rand([4], 13, 0.1, 1)], "host_args": []},
      fused_ops=["FusedBatchNorm", "Relu"], num_args=4, epsilon=0.001, **fc)
    c("fusedconv2d biasadd add relu", "_FusedConv2D", {"input": x4, "filter": w4, "args": [b, rand([1, 6, 6, 4], 14)], "host_args": []},
      fused_ops=["BiasAdd", "Add", "Relu"], num_args=2, **fc)
    c("fusedconv2d dilated explicit", "_FusedConv2D", {"input": x4, "filter": w4, "args": [b], "host_args": []},
      fused_ops=["BiasAdd"], num_args=1, strides=[1, 1, 1, 1], padding="EXPLICIT", explicit_paddings=[0, 0, 1, 2, 0, 1, 0, 0],
      dilations=[1, 2, 2, 1])
    wd = rand([3, 3, 3, 2], 15)
    bd = rand([6], 16)
    c("fuseddepthwise biasadd", "_FusedDepthwiseConv2dNative", {"input": x4, "filter": wd, "args": [bd]}, fused_ops=["BiasAdd"], **fc)
    c("fuseddepthwise biasadd relu6 strided", "_FusedDepthwiseConv2dNative", {"input": x4 * 3, "filter": wd, "args": [bd]},
      fused_ops=["BiasAdd", "Relu6"], strides=[1, 2, 2, 1], padding="SAME")
    xp = rand([1, 4, 6, 5, 2], 17)
    for kind in ("AvgPool3D", "MaxPool3D"):
        c(f"{kind.lower()} valid", kind, {"input": xp}, ksize=[1, 2, 2, 2, 1], strides=[1, 2, 2, 2, 1], padding="VALID")
        c(f"{kind.lower()} same", kind, {"input": xp}, ksize=[1, 3, 3, 2, 1], strides=[1, 2, 2, 1, 1], padding="SAME")
    xm = rand([2, 4, 5, 3], 18)
    c("maxpoolwithargmax", "MaxPoolWithArgmax", {"input": xm}, ksize=[1, 2, 2, 1], strides=[1, 2, 2, 1], padding="SAME")
    c("maxpoolwithargmax batch index int32", "MaxPoolWithArgmax", {"input": xm}, ksize=[1, 3, 3, 1], strides=[1, 1, 2, 1],
      padding="VALID", include_batch_in_index=True, Targmax=tf.int32)

    # tfjs-converter pseudo-ops, checked against TF's public functions
    x1 = rand([2, 9, 3], 19)
    w1 = rand([3, 3, 4], 20)
    for stride, pad, dil in ((1, "SAME", 1), (2, "VALID", 1), (1, "VALID", 2)):
        c.custom(f"conv1d stride {stride} {pad} dilation {dil}", "Conv1D", [x1, w1],
                 {"T": t_attr(tf.float32), "stride": {"i": stride}, "padding": {"s": pad}, "dilation": {"i": dil}},
                 [tf.nn.conv1d(x1, w1, stride, pad, dilations=dil)])
    c.custom("depthwiseconv2d", "DepthwiseConv2d", [x4, wd],
             {"T": t_attr(tf.float32), "strides": {"ints": [1, 2, 2, 1]}, "padding": {"s": "SAME"}},
             [tf.nn.depthwise_conv2d(x4, wd, [1, 2, 2, 1], "SAME")])
    c.custom("fuseddepthwiseconv2dnative biasadd relu", "FusedDepthwiseConv2dNative", [x4, wd, bd],
             {"T": t_attr(tf.float32), "num_args": {"i": 1}, "strides": {"ints": [1, 1, 1, 1]}, "padding": {"s": "VALID"},
              "fused_ops": {"strs": ["BiasAdd", "Relu"]}},
             [tf.nn.relu(tf.nn.depthwise_conv2d(x4, wd, [1, 1, 1, 1], "VALID") + bd)])


@family
def fam_image(c):
    img = rand([2, 4, 5, 3], 30, 0, 10)
    for align, half in ((False, False), (True, False), (False, True)):
        for size in ([7, 3], [2, 9]):
            tag = f"{size} align {align} half {half}"
            c(f"resizebilinear {tag}", "ResizeBilinear", {"images": img, "size": i32(size)}, align_corners=align, half_pixel_centers=half)
            c(f"resizenearest {tag}", "ResizeNearestNeighbor", {"images": img, "size": i32(size)}, align_corners=align,
              half_pixel_centers=half)
    c("resizebilinear uint8", "ResizeBilinear", {"images": np.arange(24, dtype=np.uint8).reshape([1, 2, 4, 3]), "size": i32([3, 3])})
    c("resizenearest int32 keeps dtype", "ResizeNearestNeighbor", {"images": arange([1, 2, 2, 1], np.int32), "size": i32([4, 3])},
      half_pixel_centers=True)
    c("resizebilinear both flags", "ResizeBilinear", {"images": img, "size": i32([3, 3])}, align_corners=True, half_pixel_centers=True)
    boxes = f32([[0, 0, 1, 1], [0.1, 0.2, 0.7, 0.9], [0.6, 0.5, 0.1, 0.2], [-0.2, -0.1, 1.3, 1.1]])
    box_ind = i32([0, 1, 0, 1])
    c("cropandresize bilinear", "CropAndResize", {"image": img, "boxes": boxes, "box_ind": box_ind, "crop_size": i32([3, 4])})
    c("cropandresize nearest extrapolate", "CropAndResize", {"image": img, "boxes": boxes, "box_ind": box_ind, "crop_size": i32([4, 2])},
      method="nearest", extrapolation_value=-1.0)
    c("cropandresize single pixel", "CropAndResize", {"image": img, "boxes": boxes, "box_ind": box_ind, "crop_size": i32([1, 1])})
    c("cropandresize bad box index", "CropAndResize", {"image": img, "boxes": boxes[:1], "box_ind": i32([2]), "crop_size": i32([2, 2])})
    t = f32([[1, 0.2, -1, 0.1, 0.9, 0.5, 0, 0], [0.8, 0, 1, 0, 1.2, -0.5, 0.01, 0.02]])
    for interp in ("NEAREST", "BILINEAR"):
        for mode in ("CONSTANT", "REFLECT", "WRAP", "NEAREST"):
            c(f"projective {interp} {mode}", "ImageProjectiveTransformV3",
              {"images": img, "transforms": t, "output_shape": i32([5, 4]), "fill_value": f32(-3)}, interpolation=interp, fill_mode=mode)
    for align, half in ((False, False), (True, False), (False, True)):
        for size in ([7, 3], [2, 9], [4, 5]):
            c(f"resizebicubic {size} align {align} half {half}", "ResizeBicubic", {"images": img, "size": i32(size)},
              align_corners=align, half_pixel_centers=half)
    c("resizebicubic uint8", "ResizeBicubic", {"images": np.arange(48, dtype=np.uint8).reshape([1, 4, 4, 3]), "size": i32([6, 5])},
      half_pixel_centers=True)
    for k, s_, r, pad in (([1, 2, 2, 1], [1, 2, 2, 1], [1, 1, 1, 1], "VALID"), ([1, 3, 2, 1], [1, 2, 1, 1], [1, 1, 1, 1], "SAME"),
                          ([1, 2, 3, 1], [1, 1, 2, 1], [1, 2, 1, 1], "SAME"), ([1, 2, 2, 1], [1, 3, 3, 1], [1, 2, 2, 1], "VALID")):
        c(f"extractimagepatches k{k[1:3]} s{s_[1:3]} r{r[1:3]} {pad}", "ExtractImagePatches", {"images": img}, ksizes=k, strides=s_,
          rates=r, padding=pad)
    c("extractimagepatches ints", "ExtractImagePatches", {"images": arange([1, 3, 3, 1], np.int32)}, ksizes=[1, 2, 2, 1],
      strides=[1, 1, 1, 1], rates=[1, 1, 1, 1], padding="SAME")
    c("projective v2 one transform", "ImageProjectiveTransformV2", {"images": img, "transforms": t[:1], "output_shape": i32([4, 5])},
      interpolation="BILINEAR")


@family
def fam_sparse(c):
    ind = i64([[0, 0], [0, 3], [2, 1], [4, 2]])
    c("fillemptyrows", "SparseFillEmptyRows", {"indices": ind, "values": f32([1, 2, 3, 4]), "dense_shape": i64([5, 4]),
                                               "default_value": f32(-1)})
    c("fillemptyrows unordered ints", "SparseFillEmptyRows", {"indices": i64([[3, 0], [1, 1], [1, 0]]), "values": i32([7, 8, 9]),
                                                              "dense_shape": i64([4, 2]), "default_value": i32(0)})
    c("fillemptyrows strings", "SparseFillEmptyRows", {"indices": i64([[1, 0]]), "values": strs(["x"]), "dense_shape": i64([3, 1]),
                                                       "default_value": strs("-", [])})
    c("fillemptyrows empty input", "SparseFillEmptyRows", {"indices": i64(np.zeros([0, 2])), "values": f32(np.zeros([0])),
                                                           "dense_shape": i64([2, 3]), "default_value": f32(5)})
    c("sparsereshape", "SparseReshape", {"input_indices": ind, "input_shape": i64([5, 4]), "new_shape": i64([2, -1])})
    c("sparsereshape 3d", "SparseReshape", {"input_indices": i64([[0, 1, 1], [1, 0, 2]]), "input_shape": i64([2, 2, 3]),
                                            "new_shape": i64([3, 4])})
    c("sparsereshape bad", "SparseReshape", {"input_indices": ind, "input_shape": i64([5, 4]), "new_shape": i64([3, -1])})
    data = arange([5, 3])
    for op in ("SparseSegmentSum", "SparseSegmentMean", "SparseSegmentSqrtN"):
        c(f"{op} basic", op, {"data": data, "indices": i32([0, 2, 1, 4, 4]), "segment_ids": i32([0, 0, 1, 3, 3])})
        c(f"{op} int64 ids", op, {"data": data[:, 0].copy(), "indices": i64([3, 1]), "segment_ids": i64([1, 1])})
        c(f"{op} unsorted ids", op, {"data": data, "indices": i32([0, 1]), "segment_ids": i32([1, 0])})
        c(f"{op} bad index", op, {"data": data, "indices": i32([0, 5]), "segment_ids": i32([0, 0])})
        c(f"{op} with num segments", f"{op}WithNumSegments",
          {"data": data, "indices": i32([0, 2, 1]), "segment_ids": i32([0, 0, 2]), "num_segments": i32(5)})
    c("sparsesegmentsum ints", "SparseSegmentSum", {"data": arange([4, 2], np.int32), "indices": i32([1, 3, 3]), "segment_ids": i32([0, 1, 1])})


@family
def fam_text(c):
    words = strs(["Hello World", "  tf.string  ops ", "", "a,b,,c", "Ünïcödé Straße", "x" * 70 + "end"])
    c("staticregexreplace global", "StaticRegexReplace", {"input": words}, pattern="[aeiou]", rewrite="_")
    c("staticregexreplace first groups", "StaticRegexReplace", {"input": words}, pattern=r"(\w+)\s+(\w+)", rewrite=r"\2 \1 [\0]",
      replace_global=False)
    c("staticregexreplace inline flag", "StaticRegexReplace", {"input": words}, pattern=r"(?i)h(el)", rewrite=r"J\1\\")
    c("staticregexreplace posix class", "StaticRegexReplace", {"input": words}, pattern=r"[[:space:]]+", rewrite=" ")
    c("regexreplace", "RegexReplace", {"input": words, "pattern": strs("o", []), "rewrite": strs("0", [])})
    c("regexreplace bad pattern", "RegexReplace", {"input": words, "pattern": strs("(", []), "rewrite": strs("", [])})
    c("stringsplit", "StringSplit", {"input": words, "delimiter": strs(" ,", [])})
    c("stringsplit keep empty", "StringSplit", {"input": words, "delimiter": strs(",", [])}, skip_empty=False)
    c("stringsplit bytes", "StringSplit", {"input": strs(["abc", "de"]), "delimiter": strs("", [])})
    c("stringsplitv2 whitespace", "StringSplitV2", {"input": words, "sep": strs("", [])})
    c("stringsplitv2 whitespace maxsplit", "StringSplitV2", {"input": strs([" a  b c ", "d"]), "sep": strs("", [])}, maxsplit=1)
    c("stringsplitv2 sep", "StringSplitV2", {"input": words, "sep": strs(",", [])})
    c("stringsplitv2 multi-char sep maxsplit", "StringSplitV2", {"input": strs(["a<>b<><>c<>", "<>"]), "sep": strs("<>", [])}, maxsplit=2)
    toks = strs(["a", "b", "c", "d", "e", "f"])
    c("stringngrams", "StringNGrams", {"data": toks, "data_splits": i64([0, 4, 4, 6])}, separator=" ", ngram_widths=[1, 2, 3],
      left_pad="<s>", right_pad="</s>", pad_width=0, preserve_short_sequences=False)
    c("stringngrams padded int32 splits", "StringNGrams", {"data": toks, "data_splits": i32([0, 1, 6])}, separator="_",
      ngram_widths=[2, 4], left_pad="L", right_pad="R", pad_width=-1, preserve_short_sequences=False)
    c("stringngrams preserve short", "StringNGrams", {"data": toks, "data_splits": i64([0, 2, 6])}, separator="+", ngram_widths=[3],
      left_pad="", right_pad="", pad_width=0, preserve_short_sequences=True)
    many = strs([f"token-{i}-" + "y" * (i % 37) + chr(0x4e00 + i) for i in range(60)] + ["", "a", "ab" * 40, "hello"])
    c("stringtohashbucketfast", "StringToHashBucketFast", {"input": many}, num_buckets=1000)
    c("stringtohashbucketfast huge buckets", "StringToHashBucketFast", {"input": many[:10]}, num_buckets=2**31 - 1)
    c("stringtohashbucketfast 2d", "StringToHashBucketFast", {"input": strs([["a", "b"], ["c", "d"]])}, num_buckets=7)
    c("stringlower ascii", "StringLower", {"input": words})
    c("stringupper ascii", "StringUpper", {"input": words})
    c("stringlower utf8", "StringLower", {"input": words}, encoding="utf-8")
    c("stringupper utf8", "StringUpper", {"input": strs(["straße ünï", "abc"])}, encoding="utf-8")
    c("stringstrip", "StringStrip", {"input": words})
    c("stringlength bytes", "StringLength", {"input": words})
    c("stringlength chars", "StringLength", {"input": words}, unit="UTF8_CHAR")

    m23 = f32([[1.5, -2, 3.25], [1 / 3, 1e-8, 123456789]])
    c("stringformat default", "StringFormat", {"inputs": [m23]})
    c("stringformat template", "StringFormat", {"inputs": [arange([12], np.int32), strs(["a\nb", "q\"uote"]), np.array(True)]},
      template="x={} s={} b={}!", placeholder="{}")
    c("stringformat summarized 3d", "StringFormat", {"inputs": [arange([4, 5, 6])]}, summarize=2)
    c("stringformat all", "StringFormat", {"inputs": [arange([3, 8], np.int64)]}, summarize=-1)
    c("stringformat placeholder mismatch", "StringFormat", {"inputs": [m23]}, template="{} {}", placeholder="{}")
    nums = f32([0, -1.5, 3.14159265, 1e10, -2.5e-7, np.inf, np.nan])
    c("asstring floats", "AsString", {"input": nums})
    c("asstring floats scientific precision", "AsString", {"input": nums}, scientific=True, precision=3)
    c("asstring floats shortest width fill", "AsString", {"input": nums}, shortest=True, width=12, fill="0")
    c("asstring ints width left", "AsString", {"input": i32([5, -42, 1234567])}, width=6, fill="-")
    c("asstring ints plus", "AsString", {"input": i64([5, -42])}, fill="+")
    c("asstring bools", "AsString", {"input": np.array([True, False])})
    c("asstring int precision", "AsString", {"input": i32([1])}, precision=2)
    c("substr bytes", "Substr", {"input": strs(["Hello", "World!", "ab"]), "pos": i32([1, -3, 0]), "len": i32([3, 10, 1])})
    c("substr scalar pos len int64", "Substr", {"input": strs([["abcdef", "xyz"]]), "pos": i64(1), "len": i64(2)})
    c("substr utf8 chars", "Substr", {"input": strs(["Ünïcödé", "Straße"]), "pos": i32(2), "len": i32(3)}, unit="UTF8_CHAR")
    c("substr out of range", "Substr", {"input": strs(["ab"]), "pos": i32([3]), "len": i32([1])})


@family
def fam_ragged(c):
    # params: [[a, b], [], [c, d, e], [f]] and a 2-level one: [[[1, 2], [3]], [], [[4], [5, 6, 7]]]
    s1 = i64([0, 2, 2, 5, 6])
    v1 = strs(["a", "b", "c", "d", "e", "f"])
    c("raggedgather strings", "RaggedGather", {"params_nested_splits": [s1], "params_dense_values": v1, "indices": i32([2, 0, 2, 1])},
      OUTPUT_RAGGED_RANK=1)
    c("raggedgather 2d indices", "RaggedGather", {"params_nested_splits": [s1], "params_dense_values": arange([6, 2]),
                                                  "indices": i64([[3, 0], [1, 2]])}, OUTPUT_RAGGED_RANK=2)
    c("raggedgather two levels int32 splits", "RaggedGather",
      {"params_nested_splits": [i32([0, 2, 2, 4]), i32([0, 2, 3, 4, 7])], "params_dense_values": arange([7], np.int32),
       "indices": i32([2, 2, 0])}, OUTPUT_RAGGED_RANK=2)
    c("raggedgather bad index", "RaggedGather", {"params_nested_splits": [s1], "params_dense_values": v1, "indices": i32([4])},
      OUTPUT_RAGGED_RANK=1)
    c("raggedrange", "RaggedRange", {"starts": i32([0, 5, 8, 5]), "limits": i32([3, 5, 12, 1]), "deltas": i32([1, 1, 3, -2])})
    c("raggedrange scalars broadcast int32 splits", "RaggedRange", {"starts": i32(2), "limits": i32([5, 9, 1]), "deltas": i32(3)},
      Tsplits=tf.int32)
    c("raggedrange floats", "RaggedRange", {"starts": f32([0, 1.5]), "limits": f32([1, -0.1]), "deltas": f32([0.3, -0.4])})
    c("raggedrange zero delta", "RaggedRange", {"starts": i32([0]), "limits": i32([3]), "deltas": i32([0])})
    c("raggedtotensor row splits", "RaggedTensorToTensor",
      {"shape": i64(-1), "values": arange([6]), "default_value": f32(-1), "row_partition_tensors": [s1]},
      row_partition_types=["ROW_SPLITS"])
    c("raggedtotensor truncate pad shape", "RaggedTensorToTensor",
      {"shape": i64([3, 4]), "values": arange([6]), "default_value": f32(9), "row_partition_tensors": [s1]},
      row_partition_types=["ROW_SPLITS"])
    c("raggedtotensor value rowids", "RaggedTensorToTensor",
      {"shape": i32([-1, -1, -1]), "values": arange([7], np.int32), "default_value": i32(0),
       "row_partition_tensors": [i32(4), i32([0, 0, 2, 3]), i32([0, 0, 1, 2, 3, 3, 3])]},
      row_partition_types=["FIRST_DIM_SIZE", "VALUE_ROWIDS", "VALUE_ROWIDS"])
    c("raggedtotensor inner dims vector default", "RaggedTensorToTensor",
      {"shape": i64([-1, -1, 2]), "values": arange([4, 2]), "default_value": f32([7, 8]),
       "row_partition_tensors": [i64([0, 1, 1, 4])]}, row_partition_types=["ROW_SPLITS"])
    c("raggedtotensor two splits", "RaggedTensorToTensor",
      {"shape": i64([-1, -1, -1]), "values": arange([7]), "default_value": f32(0),
       "row_partition_tensors": [i64([0, 2, 2, 4]), i64([0, 2, 3, 4, 7])]}, row_partition_types=["ROW_SPLITS", "ROW_SPLITS"])
    c("raggedtotensor strings", "RaggedTensorToTensor",
      {"shape": i64([-1, -1]), "values": v1, "default_value": strs("", []), "row_partition_tensors": [s1]},
      row_partition_types=["ROW_SPLITS"])


if __name__ == "__main__":
    main()
