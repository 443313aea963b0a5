#!/usr/bin/env bash
# Creates (once) and reuses the TensorFlow oracle virtualenvs of the interop suite.
#
#   interop/setup-venvs.sh            # every pinned oracle
#   interop/setup-venvs.sh 2.15.1     # just one
#
# Each venv lives outside the repo, in $SAVEDMODEL_CACHE (default ~/.cache/savedmodel)/venv-tf<pin>.
# A marker file `.savedmodel-ready` is written after a successful install and holds the
# TensorFlow version actually installed; a later run only checks the marker and that
# `import tensorflow` works. When a pin cannot be installed, the pip error is printed and the
# nearest installable version of the same package is used instead (recorded in the marker).
# pip output goes to <venv>/install.log; stdout carries one `oracle ...` line per venv.
set -euo pipefail

CACHE="${SAVEDMODEL_CACHE:-$HOME/.cache/savedmodel}"
PYTHON="${SAVEDMODEL_PYTHON:-python3.11}"
PINS=("$@")
if [ ${#PINS[@]} -eq 0 ]; then
  # shellcheck disable=SC2206
  PINS=(${SAVEDMODEL_TF_VERSIONS:-2.15.1 2.21.0})
fi
mkdir -p "$CACHE"

# Packages to install for one TensorFlow version: TF itself, the Keras 2 package where Keras 3 is
# the default (TF >= 2.16), and a numpy the wheel is compatible with.
packages_for() {
  local v="$1" mm
  mm="$(echo "$v" | cut -d. -f1,2)"
  case "$mm" in
    2.1[0-5]) echo "tensorflow-cpu==$v numpy<2" ;;
    *) echo "tensorflow-cpu==$v tf-keras~=$mm.0" ;;
  esac
}

# Prints the installable tensorflow-cpu version nearest to $1 (same minor first, then lower).
nearest_version() {
  local want="$1" py="$2"
  "$py" -m pip index versions tensorflow-cpu 2>/dev/null | sed -n 's/^Available versions: //p' | tr ',' '\n' |
    tr -d ' ' | "$py" -c '
import sys
want = tuple(int(x) for x in sys.argv[1].split("."))
vs = [tuple(int(x) for x in l.split(".")) for l in sys.stdin.read().split() if l.replace(".", "").isdigit()]
vs = [v for v in vs if v != want]
def key(v):
    return (abs(v[0]*100 + v[1] - (want[0]*100 + want[1])), v[:2] > want[:2], -v[2] if len(v) > 2 else 0)
vs.sort(key=key)
print(".".join(map(str, vs[0])) if vs else "")
' "$want"
}

ready() {
  local dir="$1"
  [ -f "$dir/.savedmodel-ready" ] && [ -x "$dir/bin/python" ] &&
    TF_CPP_MIN_LOG_LEVEL=3 "$dir/bin/python" -c 'import tensorflow' >/dev/null 2>&1
}

install_into() {
  local dir="$1" version="$2" log="$1/install.log" pkgs
  pkgs="$(packages_for "$version")"
  echo "[setup] pip install $pkgs  (log: $log)" >&2
  # shellcheck disable=SC2086
  timeout 1800 "$dir/bin/python" -m pip install --quiet --no-input --timeout 180 --retries 3 \
    --progress-bar off $pkgs >>"$log" 2>&1
}

for pin in "${PINS[@]}"; do
  dir="$CACHE/venv-tf$pin"
  if ready "$dir"; then
    marker="$(cat "$dir/.savedmodel-ready")"
    note=""
    case "$marker" in "tensorflow=$pin "*) ;; *) note=" FALLBACK: the pin could not be installed (see $dir/install.log)" ;; esac
    echo "oracle $pin: reused $dir ($marker)$note"
    continue
  fi
  start=$(date +%s)
  rm -rf "$dir"
  "$PYTHON" -m venv "$dir"
  : >"$dir/install.log"
  "$dir/bin/python" -m pip install --quiet --upgrade pip >>"$dir/install.log" 2>&1 || true
  used="$pin"
  if ! install_into "$dir" "$pin"; then
    echo "[setup] pin tensorflow-cpu==$pin failed; pip said:" >&2
    grep -E '^(ERROR|error):' "$dir/install.log" | tail -n 5 >&2 || tail -n 5 "$dir/install.log" >&2
    used="$(nearest_version "$pin" "$dir/bin/python")"
    if [ -z "$used" ] || ! install_into "$dir" "$used"; then
      echo "oracle $pin: FAILED (see $dir/install.log)"
      exit 1
    fi
    echo "[setup] fell back to tensorflow-cpu==$used" >&2
  fi
  actual="$(TF_CPP_MIN_LOG_LEVEL=3 "$dir/bin/python" -c 'import tensorflow as tf; print(tf.__version__)' 2>>"$dir/install.log")"
  keras="$("$dir/bin/python" -c 'import importlib.metadata as m
for p in ("tf-keras", "keras"):
    try: print(p + "=" + m.version(p)); break
    except Exception: pass' 2>/dev/null)"
  echo "tensorflow=$actual $keras pin=$pin" >"$dir/.savedmodel-ready"
  note=""
  [ "$used" != "$pin" ] && note=" FALLBACK from $pin"
  echo "oracle $pin: installed $dir (tensorflow=$actual $keras) in $(( $(date +%s) - start ))s$note"
done
