"""Direction B, TensorFlow side: loads what TypeScript wrote and compares with TypeScript's values.

    python interop/check/check_all.py WRITTEN_DIR

Reads WRITTEN_DIR/cases.json (written by interop/write/main.ts). For every written case, each
check runs with this interpreter's TensorFlow:

- load_checkpoint     tf.train.load_checkpoint: same keys, dtypes, shapes, exact values, shard count
- saver_restore       TF1 graph variables restored by tf.compat.v1.train.Saver.restore
- tf2_checkpoint_read tf.train.Checkpoint(**variables).read(prefix).assert_consumed()
- tf2_signature       tf.saved_model.load(d).signatures[k](**inputs)
- tf2_function        tf.saved_model.load(d).<path>(*args)
- tf2_object_value    tf.saved_model.load(d).<path> (a variable) exact
- tf1_session_run     tf.compat.v1.saved_model.load + Session.run by the signature's tensor names
- saved_model_cli     `saved_model_cli run --input_exprs ...`, parsing "Result for output key"
- import_meta_graph   tf.compat.v1.train.import_meta_graph + Saver.restore + Session.run
- and the TF1 API's checks of v1_checks.py (method_name, tf1_variables, saved_model_cli_examples,
  latest_checkpoint, wrap_function_prune)

Prints `CHECK pass|FAIL|pending <tf version> <case>: <check>` lines and finally
`RESULT {"passed": N, "failed": M, "pending": P}`. Exit status 1 when anything failed.
"""
import json
import os
import re
import subprocess
import sys
import traceback

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), 'gen'))
import common  # noqa: E402
from common import np, tf  # noqa: E402

tf1 = tf.compat.v1


def arr(j):
    """Golden tensor JSON -> numpy array (strings as bytes objects)."""
    v = common.tensor_from_json(j).numpy()  # a scalar string comes back as bytes
    return np.asarray(v, dtype=object) if j['dtype'] == 'string' else np.asarray(v)


def same_exact(got, want_json, what):
    want = arr(want_json)
    got = np.asarray(got)
    dt = tf.as_dtype(want_json['dtype'])
    if list(got.shape) != list(want_json['shape']):
        raise AssertionError(f'{what}: shape {list(got.shape)} != {want_json["shape"]}')
    if dt == tf.string:
        g = [bytes(x) for x in got.reshape(-1).tolist()]
        w = [bytes(x) for x in want.reshape(-1).tolist()]
        if g != w:
            raise AssertionError(f'{what}: {g!r} != {w!r}')
        return
    if dt.is_floating or dt.is_complex:
        g = got.astype(np.complex128 if dt.is_complex else np.float64).reshape(-1)
        w = want.astype(np.complex128 if dt.is_complex else np.float64).reshape(-1)
        parts = [(g.real, w.real), (g.imag, w.imag)] if dt.is_complex else [(g, w)]
        for a, b in parts:
            if not (np.array_equal(a, b, equal_nan=True) and np.array_equal(np.signbit(a), np.signbit(b))):
                raise AssertionError(f'{what}: {a.tolist()} != {b.tolist()}')
        return
    if got.reshape(-1).tolist() != want.reshape(-1).tolist():
        raise AssertionError(f'{what}: {got.reshape(-1).tolist()} != {want.reshape(-1).tolist()}')


def same_close(got, want_json, rtol, what):
    dt = tf.as_dtype(want_json['dtype'])
    got = np.asarray(got)
    if not (dt.is_floating or dt.is_complex):
        return same_exact(got, want_json, what)
    want = arr(want_json).astype(np.float64)
    if list(got.shape) != list(want_json['shape']):
        raise AssertionError(f'{what}: shape {list(got.shape)} != {want_json["shape"]}')
    scale = float(np.max(np.abs(want))) if want.size else 0.0
    np.testing.assert_allclose(got.astype(np.float64), want, rtol=rtol, atol=rtol * scale, err_msg=what)


def load_checkpoint(base, c):
    prefix = os.path.join(base, c['prefix'])
    reader = tf.train.load_checkpoint(prefix)
    dtypes = reader.get_variable_to_dtype_map()
    if sorted(dtypes) != sorted(c['values']):
        raise AssertionError(f'keys {sorted(dtypes)} != {sorted(c["values"])}')
    for key, want in c['values'].items():
        if dtypes[key].name != want['dtype']:
            raise AssertionError(f'{key}: dtype {dtypes[key].name} != {want["dtype"]}')
        same_exact(reader.get_tensor(key), want, key)
    d, b = os.path.split(prefix)
    shards = [f for f in os.listdir(d) if f.startswith(b + '.data-')]
    if len(shards) != c['data_files']:
        raise AssertionError(f'{len(shards)} data shards {sorted(shards)}, expected {c["data_files"]}')
    return f'{len(c["values"])} keys exact, {len(shards)} shard(s)'


def saver_restore(base, c):
    with tf.Graph().as_default():
        variables = {}
        for name, want in c['variables'].items():
            dt = tf.as_dtype(want['dtype'])
            zero = np.zeros(want['shape'], dtype=object if dt == tf.string else dt.as_numpy_dtype)
            if dt == tf.string:
                zero[...] = b''
            variables[name] = tf1.Variable(tf.constant(zero, dtype=dt), name='v%d' % len(variables))
        with tf1.Session() as sess:
            tf1.train.Saver(var_list=variables).restore(sess, os.path.join(base, c['prefix']))
            values = sess.run(variables)
    for name, want in c['variables'].items():
        same_exact(values[name], want, name)
    return f'{len(variables)} variables restored exactly'


def tf2_checkpoint_read(base, c):
    variables = {}
    for name, want in c['variables'].items():
        dt = tf.as_dtype(want['dtype'])
        variables[name] = tf.Variable(tf.zeros(want['shape'], dtype=dt))
    tf.train.Checkpoint(**variables).read(os.path.join(base, c['prefix'])).assert_consumed()
    for name, want in c['variables'].items():
        same_exact(variables[name].numpy(), want, name)
    return f'{len(variables)} variables read, all consumed'


def attr(obj, path):
    for p in path.split('.'):
        obj = getattr(obj, p)
    return obj


def tf2_signature(base, c):
    loaded = tf.saved_model.load(os.path.join(base, c['dir']))
    out = loaded.signatures[c['signature']](**{k: common.tensor_from_json(v) for k, v in c['inputs'].items()})
    if sorted(out) != sorted(c['outputs']):
        raise AssertionError(f'outputs {sorted(out)} != {sorted(c["outputs"])}')
    for k, want in c['outputs'].items():
        same_close(out[k].numpy(), want, c['rtol'], k)
    return f'signatures[{c["signature"]!r}] matches'


def tf2_function(base, c):
    loaded = tf.saved_model.load(os.path.join(base, c['dir']))
    result = attr(loaded, c['path'])(*[common.tensor_from_json(a) for a in c['args']])
    same_close(result.numpy(), c['result'], c['rtol'], c['path'])
    return f'loaded.{c["path"]}(...) matches'


def tf2_object_value(base, c):
    loaded = tf.saved_model.load(os.path.join(base, c['dir']))
    same_exact(attr(loaded, c['path']).numpy(), c['value'], c['path'])
    return f'loaded.{c["path"]} exact'


def tf1_session_run(base, c):
    inputs = {k: arr(v) for k, v in c['inputs'].items()}
    out = common.session_run(os.path.join(base, c['dir']), c['signature'], inputs, tags=c['tags'])
    for k, want in c['outputs'].items():
        same_close(out[k], want, c['rtol'], k)
    return 'Session.run matches'


def saved_model_cli(base, c):
    exe = os.path.join(os.path.dirname(sys.executable), 'saved_model_cli')
    cmd = [exe, 'run', '--dir', os.path.join(base, c['dir']), '--tag_set', c['tag_set'],
           '--signature_def', c['signature'], '--input_exprs', c['input_exprs']]
    p = subprocess.run(cmd, capture_output=True, text=True, timeout=300,
                       env=dict(os.environ, TF_CPP_MIN_LOG_LEVEL='3'))
    if p.returncode != 0:
        raise AssertionError(f'saved_model_cli exit {p.returncode}: {p.stderr.strip().splitlines()[-1:]}')
    for k, want in c['outputs'].items():
        m = re.search(r'Result for output key %s:\n(.*?)(?=\nResult for output key|\Z)' % re.escape(k), p.stdout, re.S)
        if not m:
            raise AssertionError(f'no "Result for output key {k}" in: {p.stdout[-300:]!r}')
        nums = [float(x) for x in re.findall(r'[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?|nan|inf', m.group(1))]
        same_close(np.array(nums).reshape(want['shape']), want, max(c['rtol'], 1e-6), k)
    return f'saved_model_cli run --input_exprs {c["input_exprs"]} matches'


def import_meta_graph(base, c):
    values = {k: arr(v) for k, v in c['feeds'].items()}  # eagerly: arr() needs .numpy()
    with tf.Graph().as_default() as g:
        saver = tf1.train.import_meta_graph(os.path.join(base, c['meta_graph']))
        with tf1.Session() as sess:
            saver.restore(sess, os.path.join(base, c['prefix']))
            feeds = {g.get_tensor_by_name(k): v for k, v in values.items()}
            got = {k: sess.run(g.get_tensor_by_name(k), feed_dict=feeds) for k in c['fetches']}
    for k, want in c['fetches'].items():  # compared eagerly, outside the graph
        same_close(got[k], want, c['rtol'], k)
    return 'import_meta_graph + restore + Session.run matches'


CHECKS = {f.__name__: f for f in (load_checkpoint, saver_restore, tf2_checkpoint_read, tf2_signature, tf2_function,
                                  tf2_object_value, tf1_session_run, saved_model_cli, import_meta_graph)}

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
# saveModel checks (fingerprint, TF re-save, stateful calls, object paths, assets): check_savemodel.py
import check_savemodel  # noqa: E402
CHECKS.update(check_savemodel.CHECKS)
# The TF1 API's checks (method names, examples through saved_model_cli, checkpoint state, wrap_function).
from v1_checks import CHECKS as V1_CHECKS  # noqa: E402
CHECKS.update(V1_CHECKS)


def main():
    base_dir = os.path.abspath(sys.argv[1])
    with open(os.path.join(base_dir, 'cases.json')) as f:
        cases = json.load(f)['cases']
    version = tf.__version__
    passed = failed = pending = 0
    for case in cases:
        label = f'{version} {case["name"]}'
        if case['status'] == 'pending':
            pending += 1
            print(f'CHECK pending {label}: {case["path"]} (needs {", ".join(case["missing"])})', flush=True)
            continue
        if case['status'] == 'error':
            failed += 1
            print(f'CHECK FAIL    {label}: TypeScript could not write it: {case["error"]}', flush=True)
            continue
        base = os.path.join(base_dir, case['name'])
        for check in case['checks']:
            try:
                msg = CHECKS[check['type']](base, check)
                passed += 1
                print(f'CHECK pass    {label}: {check["type"]}: {msg}', flush=True)
            except Exception as e:  # report and go on with the next check
                failed += 1
                detail = str(e).strip().splitlines()
                print(f'CHECK FAIL    {label}: {check["type"]}: {type(e).__name__}: {" | ".join(detail[:6])}', flush=True)
                if os.environ.get('INTEROP_VERBOSE'):
                    traceback.print_exc()
    print('RESULT ' + json.dumps({'passed': passed, 'failed': failed, 'pending': pending}), flush=True)
    sys.exit(1 if failed else 0)


if __name__ == '__main__':
    main()
