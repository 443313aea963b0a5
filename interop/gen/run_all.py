"""Generates every model of interop/gen/models/ with the TensorFlow of the running interpreter.

    python interop/gen/run_all.py OUT_ROOT [--jobs N] [--only name,name]

Each model script runs in its own fresh process (deterministic names and seeds, isolated
failures) and writes OUT_ROOT/<tf version>/<model>/ (the SavedModel or checkpoint plus
golden.json). OUT_ROOT/<tf version>/manifest.json lists every model with its status: "ok",
"unavailable" (the API does not exist in this TensorFlow; the reason is recorded) or "failed".
Logs go to a temporary folder, printed on failure. Exit status 1 when any model failed or is
larger than the size limit.
"""
import argparse
import importlib.metadata as md
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor

HERE = os.path.dirname(os.path.abspath(__file__))
MODELS = os.path.join(HERE, 'models')
MAX_BYTES = 1024 * 1024
UNAVAILABLE_EXIT = 42


def dist_version(*names):
    for n in names:
        try:
            return md.version(n)
        except md.PackageNotFoundError:
            pass
    return None


def dir_bytes(d):
    return sum(os.path.getsize(os.path.join(r, f)) for r, _, fs in os.walk(d) for f in fs)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('out_root')
    ap.add_argument('--jobs', type=int, default=min(2, os.cpu_count() or 1))
    ap.add_argument('--only', default='')
    args = ap.parse_args()

    tf_version = dist_version('tensorflow-cpu', 'tensorflow')
    if not tf_version:
        sys.exit('tensorflow is not installed in this interpreter')
    major_minor = tuple(int(p) for p in tf_version.split('.')[:2])
    names = sorted(f[:-3] for f in os.listdir(MODELS) if f.endswith('.py'))
    if args.only:
        wanted = set(args.only.split(','))
        names = [n for n in names if n in wanted]
    root = os.path.join(os.path.abspath(args.out_root), tf_version)
    if not args.only and os.path.exists(root):
        shutil.rmtree(root)
    os.makedirs(root, exist_ok=True)
    logs = tempfile.mkdtemp(prefix=f'savedmodel-gen-logs-{tf_version}-')

    env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL='2', TF_ENABLE_ONEDNN_OPTS='0', PYTHONHASHSEED='0',
               CUDA_VISIBLE_DEVICES='-1', TF_DETERMINISTIC_OPS='1', PYTHONDONTWRITEBYTECODE='1')
    # Keras 2 (tf-keras) for model.save(save_format='tf') where Keras 3 is the default
    env['TF_USE_LEGACY_KERAS'] = '1' if major_minor >= (2, 16) else '0'

    def run(name):
        start = time.time()
        log = os.path.join(logs, name + '.log')
        with open(log, 'w') as f:
            p = subprocess.run([sys.executable, os.path.join(MODELS, name + '.py'), os.path.join(root, name)],
                               stdout=f, stderr=subprocess.STDOUT, env=env, timeout=900)
        secs = time.time() - start
        if p.returncode == UNAVAILABLE_EXIT:
            reason = 'unavailable'
            for line in open(log):
                if line.startswith('{"unavailable"'):
                    reason = json.loads(line)['unavailable']
            shutil.rmtree(os.path.join(root, name), ignore_errors=True)
            return name, {'status': 'unavailable', 'reason': reason}, secs, log
        if p.returncode != 0 or not os.path.exists(os.path.join(root, name, 'golden.json')):
            return name, {'status': 'failed', 'exit': p.returncode}, secs, log
        size = dir_bytes(os.path.join(root, name))
        if size > MAX_BYTES:
            return name, {'status': 'failed', 'reason': f'{size} bytes > {MAX_BYTES}'}, secs, log
        return name, {'status': 'ok', 'bytes': size}, secs, log

    results = {}
    failed = 0
    with ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        for name, res, secs, log in pool.map(run, names):
            results[name] = res
            if res['status'] == 'ok':
                print(f"GEN ok          {tf_version}/{name} ({res['bytes'] // 1024} KiB, {secs:.1f}s)", flush=True)
            elif res['status'] == 'unavailable':
                print(f"GEN unavailable {tf_version}/{name}: {res['reason']}", flush=True)
            else:
                failed += 1
                print(f"GEN FAILED      {tf_version}/{name} ({res.get('reason', 'exit ' + str(res.get('exit')))}); log {log}:",
                      flush=True)
                with open(log) as f:
                    tail = f.read().splitlines()[-25:]
                print('\n'.join('    ' + line for line in tail), flush=True)

    manifest_path = os.path.join(root, 'manifest.json')
    manifest = {}
    if args.only and os.path.exists(manifest_path):
        with open(manifest_path) as f:
            manifest = json.load(f)
    manifest.update({
        'tensorflow': tf_version,
        'keras': next((f'{p}=={dist_version(p)}' for p in ('tf-keras', 'keras') if dist_version(p)), None),
        'python': platform.python_version(),
        'generator': 'interop/gen/run_all.py',
    })
    models = manifest.get('models', {})
    models.update({n: {k: v for k, v in r.items() if k != 'bytes'} for n, r in results.items()})
    manifest['models'] = dict(sorted(models.items()))
    with open(manifest_path, 'w') as f:
        json.dump(manifest, f, indent=1)
        f.write('\n')
    if failed == 0:
        shutil.rmtree(logs, ignore_errors=True)
    print(f'GEN {tf_version}: {sum(r["status"] == "ok" for r in results.values())} ok, '
          f'{sum(r["status"] == "unavailable" for r in results.values())} unavailable, {failed} failed')
    sys.exit(1 if failed else 0)


if __name__ == '__main__':
    main()
