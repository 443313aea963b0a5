"""Direction B, TensorFlow side: the checks of the TF1 API's save paths (v1.*) beyond check_all.py's.

Registered into check_all.CHECKS; each takes (base, check) and returns a message or raises.

- method_name               TF reads the method names MethodNameUpdater wrote: the TF1 loader's
                            SignatureDefs and `saved_model_cli show --signature_def`
- tf1_variables             tf.compat.v1.saved_model.load restores the variables and runs the main
                            op: the given tensors have the given values
- saved_model_cli_examples  `saved_model_cli run --input_examples` (serialized tf.Example inputs)
- latest_checkpoint         tf.train.latest_checkpoint / get_checkpoint_state on our state file
- wrap_function_prune       the guide's wrap_function story: import_meta_graph inside
                            tf.compat.v1.wrap_function, Saver(variables).restore(None, …), prune
"""
import os
import re
import subprocess
import sys

from common import np, tf  # noqa: E402  (check_all.py puts interop/gen on the path)

tf1 = tf.compat.v1


def _cli(args):
    exe = os.path.join(os.path.dirname(sys.executable), 'saved_model_cli')
    p = subprocess.run([exe, *args], capture_output=True, text=True, timeout=300, env=dict(os.environ, TF_CPP_MIN_LOG_LEVEL='3'))
    if p.returncode != 0:
        raise AssertionError(f'saved_model_cli {args[0]} exit {p.returncode}: {p.stderr.strip().splitlines()[-1:]}')
    return p.stdout


def method_name(base, c):
    d = os.path.join(base, c['dir'])
    with tf.Graph().as_default(), tf1.Session() as sess:
        mg = tf1.saved_model.load(sess, c['tags'], d)
        got = {k: mg.signature_def[k].method_name for k in c['methods']}
    if got != c['methods']:
        raise AssertionError(f'TF1 loader method names {got} != {c["methods"]}')
    for k, m in c['methods'].items():
        out = _cli(['show', '--dir', d, '--tag_set', ','.join(c['tags']), '--signature_def', k])
        if f'Method name is: {m}' not in out:
            raise AssertionError(f'saved_model_cli show --signature_def {k}: no "Method name is: {m}" in {out[-300:]!r}')
    return f'{len(got)} method names read by the TF1 loader and saved_model_cli show'


def tf1_variables(base, c):
    import check_all  # noqa: E402  (same_exact / same_close)
    with tf.Graph().as_default(), tf1.Session() as sess:
        tf1.saved_model.load(sess, c['tags'], os.path.join(base, c['dir']))
        got = {k: sess.run(k) for k in c['values']}
    for k, want in c['values'].items():
        check_all.same_close(got[k], want, c.get('rtol', 0), k)
    return f'{len(got)} values after restore + main op match'


def saved_model_cli_examples(base, c):
    import check_all  # noqa: E402
    out = _cli(['run', '--dir', os.path.join(base, c['dir']), '--tag_set', c['tag_set'], '--signature_def', c['signature'],
                '--input_examples', c['input_examples']])
    for k, want in c['outputs'].items():
        m = re.search(r'Result for output key %s:\n(.*?)(?=\nResult for output key|\Z)' % re.escape(k), out, re.S)
        if not m:
            raise AssertionError(f'no "Result for output key {k}" in: {out[-300:]!r}')
        nums = [float(x) for x in re.findall(r'[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?|nan|inf', m.group(1))]
        check_all.same_close(np.array(nums).reshape(want['shape']), want, max(c['rtol'], 1e-6), k)
    return f'saved_model_cli run --input_examples {c["input_examples"]} matches'


def latest_checkpoint(base, c):
    d = os.path.join(base, c['dir'])
    got = tf.train.latest_checkpoint(d)
    want = os.path.join(base, c['latest'])
    if got != want:
        raise AssertionError(f'tf.train.latest_checkpoint: {got!r} != {want!r}')
    state = tf.train.get_checkpoint_state(d)
    all_paths = list(state.all_model_checkpoint_paths)
    want_all = [os.path.join(base, p) for p in c['all']]
    if all_paths != want_all:
        raise AssertionError(f'all_model_checkpoint_paths {all_paths} != {want_all}')
    return f'latest {c["latest"]}, {len(all_paths)} kept'


def wrap_function_prune(base, c):
    import check_all  # noqa: E402
    meta = os.path.join(base, c['meta_graph'])

    def import_graph():
        tf1.train.import_meta_graph(meta)

    wrapped = tf1.wrap_function(import_graph, [])
    g = wrapped.graph
    tf1.train.Saver(wrapped.variables).restore(sess=None, save_path=os.path.join(base, c['prefix']))
    feeds = [g.get_tensor_by_name(k) for k in c['feeds']]
    fetches = [g.get_tensor_by_name(k) for k in c['fetches']]
    fn = wrapped.prune(feeds=feeds, fetches=fetches)
    out = fn(*[check_all.common.tensor_from_json(v) for v in c['feeds'].values()])
    for (k, want), got in zip(c['fetches'].items(), out):
        check_all.same_close(got.numpy(), want, c['rtol'], k)
    return 'wrap_function + Saver.restore(None) + prune matches'


CHECKS = {f.__name__: f for f in (method_name, tf1_variables, saved_model_cli_examples, latest_checkpoint, wrap_function_prune)}
