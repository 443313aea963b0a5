"""Small Yggdrasil (TF-DF) decision forests and their predictions, for the tfdf kernel tests.

Usage: python interop/gen/tfdf_models.py   (needs `pip install ydf==0.16.1`, in any venv; TF is not needed)
Writes test/fixtures/tfdf/<name>/ (the YDF model directory TF-DF keeps under a SavedModel's
assets/, files prefixed as TF-DF does) and test/fixtures/tfdf/goldens.json: per model, the op
inputs (features grouped by type in the model's input-feature order, categorical values as
vocabulary indices, -1 missing, NaN missing numericals) and YDF's predictions laid out as
SimpleMLInferenceOpWithHandle returns them (binary classification as [1 - p, p]).
"""

import json
import math
import os
import shutil

import numpy as np
import ydf
from yggdrasil_decision_forests.dataset import data_spec_pb2

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "test", "fixtures", "tfdf")
PREFIX = "3f2a_"  # TF-DF names model files with a per-model prefix


def dataset(n, seed):
    rng = np.random.RandomState(seed)
    d = {
        "f1": rng.uniform(-1, 1, n).astype(np.float32),
        "f2": rng.uniform(0, 10, n).astype(np.float32),
        "c1": rng.choice(["red", "green", "blue", "cyan"], n),
        "b1": rng.uniform(0, 1, n) > 0.5,
    }
    d["f1"][rng.uniform(0, 1, n) < 0.1] = np.nan
    return d


def encode(model, feats):
    """The op inputs for `feats`: numerical, boolean, categorical-int matrices."""
    spec = model.data_spec()
    cols = {c.name: c for c in spec.columns}
    num, boo, cat = [], [], []
    for name in model.input_feature_names():
        col = cols[name]
        v = feats[name]
        if col.type == data_spec_pb2.NUMERICAL:
            num.append([float(x) for x in v])
        elif col.type == data_spec_pb2.BOOLEAN:
            boo.append([float(x) for x in v])
        elif col.type == data_spec_pb2.CATEGORICAL:
            items = col.categorical.items
            cat.append([-1 if x == "" else (items[x].index if x in items else 0) for x in v])
        else:
            raise ValueError(f"feature type {col.type}")
    n = len(next(iter(feats.values())))
    mat = lambda cols_: [[c[i] for c in cols_] for i in range(n)]
    return mat(num), mat(boo), mat(cat)


def jsonable(rows):
    return [[("NaN" if isinstance(x, float) and math.isnan(x) else x) for x in r] for r in rows]


def main():
    shutil.rmtree(OUT, ignore_errors=True)
    os.makedirs(OUT)
    train = dataset(400, 0)
    label_cls = np.where((np.nan_to_num(train["f1"]) > 0) ^ (train["c1"] == "blue"), "yes", "no")
    label_multi = np.where(train["f2"] > 6, "high", np.where(train["f2"] > 3, "mid", "low"))
    label_reg = (np.nan_to_num(train["f1"]) * 3 + train["f2"] + (train["c1"] == "red") * 2).astype(np.float32)
    cases = [
        ("gbt_binary", ydf.GradientBoostedTreesLearner(label="y", num_trees=12, max_depth=4), label_cls, {}),
        ("gbt_multiclass", ydf.GradientBoostedTreesLearner(label="y", num_trees=6, max_depth=3), label_multi, {}),
        ("gbt_regression", ydf.GradientBoostedTreesLearner(label="y", num_trees=10, max_depth=4,
                                                           task=ydf.Task.REGRESSION), label_reg, {}),
        ("rf_binary_votes", ydf.RandomForestLearner(label="y", num_trees=7, max_depth=5,
                                                    winner_take_all=True), label_cls, {}),
        ("rf_multiclass_proba", ydf.RandomForestLearner(label="y", num_trees=5, max_depth=4,
                                                        winner_take_all=False), label_multi, {}),
        ("rf_regression", ydf.RandomForestLearner(label="y", num_trees=6, max_depth=5,
                                                  task=ydf.Task.REGRESSION), label_reg, {}),
        ("gbt_oblique", ydf.GradientBoostedTreesLearner(label="y", num_trees=5, max_depth=3,
                                                        split_axis="SPARSE_OBLIQUE"), label_cls, {}),
    ]
    test = dataset(24, 1)
    test["c1"][3] = ""  # missing categorical
    test["c1"][5] = "magenta"  # out of vocabulary
    goldens = {"prefix": PREFIX, "models": {}}
    for name, learner, label, _ in cases:
        model = learner.train({**train, "y": label})
        tmp = os.path.join(OUT, name + "_tmp")
        model.save(tmp)
        os.makedirs(os.path.join(OUT, name))
        for f in os.listdir(tmp):
            shutil.copy(os.path.join(tmp, f), os.path.join(OUT, name, PREFIX + f))
        shutil.rmtree(tmp)
        feats = {k: v for k, v in test.items()}
        pred = np.asarray(model.predict(feats), dtype=np.float64)
        task = model.task()
        if task == ydf.Task.CLASSIFICATION:
            classes = model.label_classes()
            dense = np.stack([1 - pred, pred], axis=1) if pred.ndim == 1 else pred
        else:
            classes = [""]
            dense = pred.reshape(-1, 1)
        num, boo, cat = encode(model, feats)
        goldens["models"][name] = {
            "numerical": jsonable(num), "boolean": jsonable(boo), "categorical": cat,
            "dense_output_dim": int(dense.shape[1]), "predictions": dense.tolist(), "classes": list(classes),
        }
        print(name, dense.shape, model.input_feature_names())
    with open(os.path.join(OUT, "goldens.json"), "w") as f:
        json.dump(goldens, f, indent=None, separators=(",", ":"))
        f.write("\n")


if __name__ == "__main__":
    main()
