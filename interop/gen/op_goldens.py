"""Computes TensorFlow's outputs for single-op test cases of the runtime's kernels.

    ~/.cache/savedmodel/venv-tf2.21.0/bin/python interop/gen/op_goldens.py [family ...]

The cases live in interop/gen/op_cases/<family>.py, each module exporting `CASES` (built with
`op_cases.common.case`). For every case the op is added to a fresh tf.Graph through TensorFlow's
own op-def library (type attrs inferred, defaults filled), its inputs are placeholders fed with
the case's arrays, and the graph runs in a Session on CPU. Attrs that equal the op's registered
default are dropped from the recorded node, as SavedModel writers do, so the TypeScript tests
also exercise our default values.

Writes test/fixtures/op-goldens/<family>.json:
  {"tf_version", "opdefs": {op: registered OpDef summary}, "cases": [
     {"name", "op", "inputs": [tensor], "attrs": {name: attr}, "outputs": [tensor] | "error",
      "check"?: [output indices compared], "rtol"?, "atol"?}]}
Tensor: {"dtype": TF name, "shape": [...], "values": flat row-major list}; non-finite floats are
"NaN" / "Infinity" / "-Infinity"; complex values are interleaved [re, im, ...]; all integers are
JSON numbers; strings are UTF-8 text.
Attr: {"type": name} | {"i": n} | {"f": x} | {"b": bool} | {"s": text} | {"shape": dims|null} |
{"list": {"i"|"f"|"b"|"s"|"type": [...]}}.
"""
import importlib
import json
import math
import os
import sys

os.environ.setdefault('TF_CPP_MIN_LOG_LEVEL', '3')
os.environ.setdefault('CUDA_VISIBLE_DEVICES', '')

import numpy as np  # noqa: E402
import tensorflow as tf  # noqa: E402
from tensorflow.core.framework import attr_value_pb2  # noqa: E402
from tensorflow.python.framework import op_def_library, op_def_registry  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
OUT = os.path.join(ROOT, 'test', 'fixtures', 'op-goldens')
sys.path.insert(0, HERE)

FAMILIES = ['arithmetic', 'basic_math', 'logical', 'reduction', 'normalization', 'matrices',
            'evaluation', 'spectral']


def dtype_name(enum):
    return tf.as_dtype(enum).name


def scalar_json(v, dtype):
    if dtype.is_floating:
        f = float(v)
        if math.isnan(f):
            return 'NaN'
        if math.isinf(f):
            return 'Infinity' if f > 0 else '-Infinity'
        if dtype != tf.float64:  # the shortest text that reads back as the same float32
            return float(np.format_float_positional(np.float32(f), unique=True, trim="-") if abs(f) >= 1e-4 or f == 0 else np.format_float_scientific(np.float32(f), unique=True, trim="-"))
        return f
    if dtype.is_bool:
        return bool(v)
    if dtype == tf.string:
        return v.decode('utf-8') if isinstance(v, bytes) else str(v)
    return int(v)


def tensor_json(arr, dtype):
    arr = np.asarray(arr)
    flat = arr.reshape(-1)
    if dtype.is_complex:
        part = tf.float64 if dtype == tf.complex128 else tf.float32
        vals = []
        for c in flat:
            vals += [scalar_json(c.real, part), scalar_json(c.imag, part)]
    else:
        vals = [scalar_json(v, dtype) for v in flat]
    return {'dtype': dtype.name, 'shape': list(arr.shape), 'values': vals}


def attr_json(a):
    kind = a.WhichOneof('value')
    if kind == 'type':
        return {'type': dtype_name(a.type)}
    if kind in ('i', 'f', 'b'):
        v = getattr(a, kind)
        return {kind: float(v) if kind == 'f' else v}
    if kind == 's':
        return {'s': a.s.decode('utf-8')}
    if kind == 'shape':
        return {'shape': None if a.shape.unknown_rank else [d.size for d in a.shape.dim]}
    if kind == 'list':
        lst = a.list
        for f in ('i', 'f', 'b', 's', 'type'):
            items = list(getattr(lst, f))
            if items:
                if f == 's':
                    items = [x.decode('utf-8') for x in items]
                if f == 'type':
                    items = [dtype_name(x) for x in items]
                return {'list': {f: items}}
        return {'list': {}}
    if kind is None:
        return {'list': {}}
    raise ValueError(f'unsupported attr kind {kind}')


def attr_python(a):
    """An AttrValue as the Python value the op-def library accepts."""
    kind = a.WhichOneof('value')
    if kind == 'list':
        for f in ('i', 'f', 'b', 's', 'type'):
            if getattr(a.list, f):
                return list(getattr(a.list, f))
        return []
    return getattr(a, kind) if kind else []


def opdef_json(op):
    d = op_def_registry.get(op)
    if d is None:
        return None

    def arg(a):
        out = {'name': a.name, 'isRef': a.is_ref}
        if a.type:
            out['type'] = dtype_name(a.type)
        if a.type_attr:
            out['typeAttr'] = a.type_attr
        if a.number_attr:
            out['numberAttr'] = a.number_attr
        if a.type_list_attr:
            out['typeListAttr'] = a.type_list_attr
        return out

    attrs = []
    for a in d.attr:
        kind = 'string' if a.allowed_values.list.s else a.type
        entry = {'name': a.name, 'kind': kind}
        if a.HasField('default_value'):
            entry['default'] = attr_json(a.default_value)
        attrs.append(entry)
    return {'inputs': [arg(a) for a in d.input_arg], 'outputs': [arg(a) for a in d.output_arg],
            'attrs': attrs, 'stateful': d.is_stateful}


def stripped_attrs(node_def, op_def):
    defaults = {a.name: a.default_value for a in op_def.attr if a.HasField('default_value')}
    out = {}
    for k in sorted(node_def.attr):
        if k.startswith('_'):
            continue
        v = node_def.attr[k]
        if k in defaults and v.SerializeToString(deterministic=True) == defaults[k].SerializeToString(deterministic=True):
            continue
        out[k] = attr_json(v)
    return out


def error_line(message):
    """The line of a Session error that states the problem (not the traceback around it)."""
    lines = [ln.strip() for ln in message.splitlines()]
    useful = [ln for ln in lines if ln and not ln.startswith(('Graph execution error', 'Detected at node', 'File ', 'Node:', '[['))
              and not ln.endswith('in <module>')]
    return useful[-1] if useful else lines[0]


def flat_inputs(c):
    flat = []
    for x in c.inputs:
        flat += x if isinstance(x, list) else [x]
    return flat


def run_case(c):
    """Runs one case; returns its JSON record."""
    rec = {'name': c.name, 'op': c.op}
    for k in ('check', 'rtol', 'atol'):
        if getattr(c, k) is not None:
            rec[k] = getattr(c, k)
    flat = flat_inputs(c)
    rec['inputs'] = [tensor_json(x.array, x.dtype) for x in flat]
    if c.ref is not None:  # not a TF op: attrs are given, outputs come from equivalent TF ops
        rec['attrs'] = {k: attr_json(v) for k, v in c.raw_attrs.items()}
        outs = c.ref(*[tf.constant(x.array, x.dtype) for x in flat])
        outs = outs if isinstance(outs, (list, tuple)) else [outs]
        rec['outputs'] = [tensor_json(o.numpy(), o.dtype) for o in outs]
        return rec
    g = tf.Graph()
    with g.as_default():
        feeds, kw, i = {}, {}, 0
        op_def = op_def_registry.get(c.op)
        if op_def is None:
            raise ValueError(f'{c.op} is not a registered TensorFlow op; give ref=')
        for arg, x in zip(op_def.input_arg, c.inputs):
            group = x if isinstance(x, list) else [x]
            phs = []
            for item in group:
                ph = tf.compat.v1.placeholder(item.dtype, item.array.shape, name=f'in{i}')
                feeds[ph] = item.array
                phs.append(ph)
                i += 1
            kw[arg.name] = phs if isinstance(x, list) else phs[0]
        kw.update(c.attrs)
        for a in op_def.attr:  # the op-def library wants some defaulted attrs spelled out
            if a.name not in kw and a.type != 'type' and a.HasField('default_value'):
                kw[a.name] = attr_python(a.default_value)
        try:
            _, _, op, outputs = op_def_library._apply_op_helper(c.op, name='op', **kw)
        except (ValueError, TypeError, tf.errors.OpError) as e:
            rec['attrs'] = {}
            rec['error'] = f'graph: {type(e).__name__}: {str(e).splitlines()[0]}'
            return rec
        rec['attrs'] = stripped_attrs(op.node_def, op_def)
        with tf.compat.v1.Session(graph=g) as sess:
            try:
                vals = sess.run(list(outputs), feed_dict=feeds)
            except tf.errors.OpError as e:
                rec['error'] = f'{type(e).__name__}: {error_line(e.message)}'
                return rec
        rec['outputs'] = [tensor_json(v, o.dtype) for v, o in zip(vals, outputs)]
        if c.atol_scale is not None:  # tolerance relative to the largest output magnitude (FFTs)
            rec['atol'] = c.atol_scale * max(float(np.max(np.abs(v))) for v in vals)
    return rec


def main(argv):
    families = argv or FAMILIES
    os.makedirs(OUT, exist_ok=True)
    for fam in families:
        mod = importlib.import_module(f'op_cases.{fam}')
        records = [run_case(c) for c in mod.CASES]
        names = [r['name'] for r in records]
        dup = {n for n in names if names.count(n) > 1}
        if dup:
            raise SystemExit(f'{fam}: duplicate case names {sorted(dup)}')
        ops = sorted({c.op for c in mod.CASES})
        doc = {'tf_version': tf.__version__, 'family': fam,
               'opdefs': {op: opdef_json(op) for op in ops if op_def_registry.get(op) is not None},
               'cases': records}
        path = os.path.join(OUT, f'{fam}.json')
        with open(path, 'w') as f:
            f.write(json.dumps({k: v for k, v in doc.items() if k != 'cases'}, separators=(',', ':'))[:-1])
            f.write(',"cases":[\n')  # one case a line
            f.write(',\n'.join(json.dumps(r, separators=(',', ':')) for r in records))
            f.write('\n]}\n')
        errors = sum(1 for r in records if 'error' in r)
        print(f'{fam}: {len(records)} cases ({errors} expecting errors), {len(ops)} ops -> {os.path.relpath(path, ROOT)}')


if __name__ == '__main__':
    main(sys.argv[1:])
