#!/usr/bin/python3
"""Fixtures for the experiments of method.md §8 (tests/InstanceSaliency.Analysis.Tests/Experiments).

Run with Debian 12's python3 (scipy 1.10, torch):  /usr/bin/python3 tools/reference/experiments_reference.py
Writes
- tests/fixtures/experiments/spearman.json: paired samples (with ties, constant ones, tiny ones) and
  scipy.stats.spearmanr's rho (null where scipy gives nan);
- tests/fixtures/experiments/flair_linear.ts: a hand-built TorchScript "segmentation network" whose lesion logit
  is z1 = 4 * (FLAIR - 2) per voxel and z0 = 0 (the T1 channel is ignored), so p = sigmoid(4 (FLAIR - 2)) rises
  with FLAIR and the saliency of T1 is exactly zero: the synthetic-lesion experiment must then find detection and
  mean probability non-decreasing in FLAIR contrast and a FLAIR share of 1.
"""
import json
import os
import warnings

import numpy as np
import torch
from scipy import stats

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "tests", "fixtures", "experiments")
rng = np.random.default_rng(20261127)


def rho(x, y):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        r = stats.spearmanr(x, y).correlation
    return None if np.isnan(r) else float(r)


cases = []
def add(name, x, y):
    x = [float(v) for v in x]
    y = [float(v) for v in y]
    cases.append({"name": name, "x": x, "y": y, "rho": rho(x, y)})

add("perfect", [1, 2, 3, 4, 5], [10, 20, 30, 40, 50])
add("reversed", [1, 2, 3, 4, 5], [5, 4, 3, 2, 1])
add("two_pairs", [0.5, 1.5], [3.0, -1.0])
add("ties_both", [1, 1, 2, 2, 3, 3, 3], [0, 0, 0, 1, 1, 2, 5])
add("many_zeros", [0, 0, 0, 0, 0.1, 0.3, 0, 0.2], [0, 0, 0.05, 0, 0.2, 0.1, 0, 0])
add("constant_x", [2, 2, 2, 2], [1, 2, 3, 4])
add("random_50", rng.normal(size=50), rng.normal(size=50))
x = rng.normal(size=200)
add("correlated_200", x, x + rng.normal(scale=0.7, size=200))
add("rounded_ties_100", np.round(rng.normal(size=100), 1), np.round(rng.normal(size=100), 1))
os.makedirs(ROOT, exist_ok=True)
with open(os.path.join(ROOT, "spearman.json"), "w") as f:
    json.dump({"scipy_spearmanr": cases}, f, indent=1)
    f.write("\n")


class FlairLinear(torch.nn.Module):
    def forward(self, x):
        z1 = 4.0 * (x[:, 0:1] - 2.0)
        return torch.cat([torch.zeros_like(z1), z1], dim=1)


torch.jit.script(FlairLinear()).save(os.path.join(ROOT, "flair_linear.ts"))
