#!/usr/bin/python3
"""Expected values for the multiple-comparison corrections of `ies analyze`
(tests/InstanceSaliency.Analysis.Tests/Statistics/MultipleTestsTests.cs).

Run with Debian 12's python3 (python3-statsmodels 0.13.5, numpy 1.24):
    /usr/bin/python3 tools/reference/multipletests_reference.py
Writes tests/fixtures/statistics/multipletests.json: for each p-vector, what
statsmodels.stats.multitest.multipletests gives with method="holm" (Holm's step-down) and method="fdr_bh"
(Benjamini-Hochberg step-up q-values), in the input order.

NaN: a NaN p-value is a test that was not run (skipped for an empty group or constant values). It is not a
member of the family: the correction runs on the other entries and the NaN stays NaN. statsmodels itself does
not do this (holm counts NaN entries in m, fdr_bh turns every value into NaN), so for vectors holding NaN the
expected values come from multipletests on the non-NaN entries, with NaN put back in place (null in JSON).
"""
import json
import os

import numpy as np
import statsmodels
from statsmodels.stats.multitest import multipletests

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "tests", "fixtures", "statistics", "multipletests.json")


def corrected(p, method):
    p = np.asarray(p, float)
    out = np.full(len(p), np.nan)
    members = ~np.isnan(p)
    if members.any():
        out[members] = multipletests(p[members], method=method)[1]
    return out


def num(v):
    return None if np.isnan(v) else float(v)


def cases():
    rng = np.random.default_rng(20261203)
    c = {}
    c["unsorted_five"] = [0.01, 0.04, 0.03, 0.005, 0.2]
    c["single"] = [0.037]
    c["single_one"] = [1.0]
    c["ties"] = [0.02, 0.02, 0.5, 0.001, 0.02]
    c["all_equal"] = [0.03, 0.03, 0.03, 0.03]
    c["with_ones"] = [1.0, 0.2, 1.0, 0.004, 0.9]
    c["capped_at_one"] = [0.6, 0.7, 0.8, 0.45, 0.9, 0.55]
    # A two-sided p doubled from 0.5 plus rounding can exceed 1 by an ulp: both corrections cap it at 1.
    c["above_one_by_rounding"] = [1.0000000000000002, 0.5, 0.25]
    c["zero_and_tiny"] = [0.0, 1e-300, 3e-17, 0.5, 2.2e-16]
    c["with_nan"] = [0.01, float("nan"), 0.04, 0.03, float("nan"), 0.2]
    c["all_nan"] = [float("nan"), float("nan")]
    c["empty"] = []
    c["descending"] = [0.9, 0.5, 0.1, 0.05, 0.01, 0.001]
    # A family of the size of one analysis (about 130 columns x (1 Kruskal-Wallis + 3 pairs)): mostly null
    # uniform p-values, some small ones, a few ties by rounding.
    big = np.concatenate([rng.uniform(0, 1, 440), rng.uniform(0, 1e-3, 40), np.round(rng.uniform(0, 0.05, 40), 3)])
    c["family_520"] = [float(v) for v in rng.permutation(big)]
    return c


def main():
    data = {"generator": f"tools/reference/multipletests_reference.py, statsmodels {statsmodels.__version__}, numpy {np.__version__}",
            "cases": []}
    for name, p in cases().items():
        data["cases"].append({"name": name, "p": [num(v) for v in p],
                              "holm": [num(v) for v in corrected(p, "holm")],
                              "fdr_bh": [num(v) for v in corrected(p, "fdr_bh")]})
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w") as fh:
        json.dump(data, fh, indent=1)
        fh.write("\n")


if __name__ == "__main__":
    main()
