"""Direction B checks for saveModel (registered into check_all.CHECKS):

- fingerprint            TensorFlow's CreateFingerprintDef(dir) equals the fingerprint.pb we wrote
- tf_resave              tf.saved_model.save(loaded, d2, signatures=loaded.signatures) works; d2's signature gives our outputs
- tf2_call_sequence      restored functions called in order (state carries over), then variable values
- tf2_object_path_value  a variable reached through attributes, list indices and dict keys (exact)
- asset_content          a restored Asset's asset_path points at a file with the expected content
- tf2_function_output    a restored function returning a dict: one entry compared
"""
import os
import tempfile

import common
from common import np, tf
from tensorflow.core.protobuf import fingerprint_pb2


def _check_all():
    import check_all  # the runner module (already imported by the time checks run)
    return check_all


def fingerprint(base, c):
    from tensorflow.python.saved_model.pywrap_saved_model import fingerprinting as fpw
    d = os.path.join(base, c['dir'])
    theirs = fingerprint_pb2.FingerprintDef.FromString(fpw.CreateFingerprintDef(d))
    with open(os.path.join(d, 'fingerprint.pb'), 'rb') as f:
        ours = fingerprint_pb2.FingerprintDef.FromString(f.read())
    for field in ('saved_model_checksum', 'graph_def_program_hash', 'signature_def_hash', 'saved_object_graph_hash', 'checkpoint_hash'):
        if getattr(ours, field) != getattr(theirs, field):
            raise AssertionError(f'{field}: ours {getattr(ours, field)} != TensorFlow {getattr(theirs, field)}')
    return 'all five fingerprint hashes equal TensorFlow\'s'


def tf_resave(base, c):
    ca = _check_all()
    loaded = tf.saved_model.load(os.path.join(base, c['dir']))
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, 'resaved')
        tf.saved_model.save(loaded, out, signatures=dict(loaded.signatures))
        again = tf.saved_model.load(out)
        res = again.signatures[c['signature']](**{k: common.tensor_from_json(v) for k, v in c['inputs'].items()})
        if sorted(res) != sorted(c['outputs']):
            raise AssertionError(f'outputs {sorted(res)} != {sorted(c["outputs"])}')
        for k, want in c['outputs'].items():
            ca.same_close(res[k].numpy(), want, c['rtol'], k)
    return f'tf.saved_model.save re-saved it; signatures[{c["signature"]!r}] of the copy matches'


def _path(obj, path):
    for p in path:
        obj = obj[p] if isinstance(p, int) or not hasattr(obj, str(p)) else getattr(obj, p)
    return obj


def tf2_call_sequence(base, c):
    ca = _check_all()
    loaded = tf.saved_model.load(os.path.join(base, c['dir']))
    for i, call in enumerate(c['calls']):
        r = ca.attr(loaded, call['path'])(*[common.tensor_from_json(a) for a in call['args']])
        ca.same_close(np.asarray(r), call['result'], 0, f'call {i} {call["path"]}')
    for path, want in c['after'].items():
        ca.same_exact(ca.attr(loaded, path).numpy(), want, path)
    return f'{len(c["calls"])} stateful calls and the variables after them match'


def tf2_object_path_value(base, c):
    ca = _check_all()
    loaded = tf.saved_model.load(os.path.join(base, c['dir']))
    v = _path(loaded, c['path'])
    if tf.as_dtype(c['value']['dtype']) != v.dtype:
        raise AssertionError(f'dtype {v.dtype.name} != {c["value"]["dtype"]}')
    ca.same_exact(v.numpy(), c['value'], '.'.join(map(str, c['path'])))
    return f'loaded.{".".join(map(str, c["path"]))} exact ({v.dtype.name})'


def asset_content(base, c):
    loaded = tf.saved_model.load(os.path.join(base, c['dir']))
    path = _path(loaded, c['path']).asset_path.numpy().decode()
    with open(path, encoding='utf-8') as f:
        got = f.read()
    if got != c['content']:
        raise AssertionError(f'{path}: {got!r} != {c["content"]!r}')
    return f'asset_path {os.path.relpath(path, base)} has the content'


def tf2_function_output(base, c):
    ca = _check_all()
    loaded = tf.saved_model.load(os.path.join(base, c['dir']))
    r = ca.attr(loaded, c['path'])(*[common.tensor_from_json(a) for a in c['args']])
    ca.same_close(r[c['key']].numpy(), c['result'], c['rtol'], f'{c["path"]}(...)[{c["key"]!r}]')
    return f'loaded.{c["path"]}(...)[{c["key"]!r}] matches'


CHECKS = {f.__name__: f for f in (fingerprint, tf_resave, tf2_call_sequence, tf2_object_path_value, asset_content, tf2_function_output)}
