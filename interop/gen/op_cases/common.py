"""Builders for single-op golden cases (see interop/gen/op_goldens.py)."""
import numpy as np
import tensorflow as tf

NAN = float('nan')
INF = float('inf')


class Input:
    """One input tensor: a numpy array and its TF dtype."""

    def __init__(self, array, dtype):
        self.array = array
        self.dtype = dtype


def t(values, dtype=None, shape=None):
    """An input tensor from nested values (float32 unless they are strings), with an optional reshape."""
    sample = np.array(values).reshape(-1)
    dt = tf.as_dtype(dtype or ('string' if sample.size and isinstance(sample[0], str) else 'float32'))
    arr = np.array(values, dtype=object if dt == tf.string else dt.as_numpy_dtype)
    if shape is not None:
        arr = arr.reshape(shape)
    return Input(arr, dt)


def rand(shape, dtype='float32', lo=-2.0, hi=2.0, seed=0):
    """Deterministic uniform values in [lo, hi)."""
    rng = np.random.default_rng(seed)
    dt = tf.as_dtype(dtype)
    if dt.is_integer:
        return Input(rng.integers(int(lo), int(hi), size=shape).astype(dt.as_numpy_dtype), dt)
    if dt.is_complex:
        arr = rng.uniform(lo, hi, size=shape) + 1j * rng.uniform(lo, hi, size=shape)
        return Input(arr.astype(dt.as_numpy_dtype), dt)
    return Input(rng.uniform(lo, hi, size=shape).astype(dt.as_numpy_dtype), dt)


class Case:
    def __init__(self, op, inputs, attrs, name, check, rtol, atol, ref, raw_attrs, atol_scale=None):
        self.atol_scale = atol_scale
        self.op = op
        self.inputs = inputs
        self.attrs = attrs
        self.name = name
        self.check = check
        self.rtol = rtol
        self.atol = atol
        self.ref = ref
        self.raw_attrs = raw_attrs


def case(op, *inputs, name, check=None, rtol=None, atol=None, ref=None, raw_attrs=None, atol_scale=None, **attrs):
    """A case: `op` applied to `inputs` (an Input, or a list of Inputs for a list arg) with attrs.

    `atol_scale`: the absolute tolerance is this times the largest output magnitude (for sums
    with cancellation, such as FFTs). `ref` (for ops TensorFlow does not register, e.g. tfjs-converter's Prelu): a function of the
    input tensors computing the expected outputs with TF ops; `raw_attrs` are then the node's
    attrs as AttrValue protos.
    """
    return Case(op, list(inputs), attrs, f'{op}: {name}', check, rtol, atol, ref, raw_attrs or {}, atol_scale)


def type_attr(dtype):
    """An AttrValue holding a dtype (for raw_attrs)."""
    from tensorflow.core.framework import attr_value_pb2
    return attr_value_pb2.AttrValue(type=tf.as_dtype(dtype).as_datatype_enum)
