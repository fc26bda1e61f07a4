#!/usr/bin/python3
"""Expected values for the statistics of `ies analyze` (tests/InstanceSaliency.Analysis.Tests/Statistics).

Run with Debian 12's python3 (scipy 1.10, numpy 1.24):  /usr/bin/python3 tools/reference/statistics_reference.py
Writes tests/fixtures/statistics/statistics.json: the inputs and what independent implementations give:
- Kruskal-Wallis H and p: scipy.stats.kruskal (tie-corrected, chi-squared with k-1 degrees of freedom);
- Mann-Whitney U1 and two-sided p: scipy.stats.mannwhitneyu(method="auto"), plus the method scipy chose;
- Cliff's delta and ROC AUC: by brute force over all pairs (x > y counts 1, x == y counts 1/2);
- Holm: statsmodels' multipletests(method="holm") algorithm written out (step-down, running maximum, capped at 1);
- L2-penalised logistic regression: scipy.optimize.minimize (trust-exact, analytic gradient and Hessian) of
  sum_i log(1 + exp(-s_i z_i)) + lambda/2 * |beta|^2 on features standardised with the mean and the population
  (ddof = 0) standard deviation; intercept unpenalised; coefficients on the standardised scale.
"""
import json
import os

import numpy as np
import scipy
from scipy import optimize, stats

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "tests", "fixtures", "statistics", "statistics.json")
rng = np.random.default_rng(20240607)


def lst(a):
    return [float(v) for v in a]


def chosen_method(x, y):
    # scipy 1.10 _mwu_choose_method: asymptotic when both n > 8 or any tie in the pooled sample, else exact.
    xy = np.concatenate([x, y])
    if len(x) > 8 and len(y) > 8:
        return "asymptotic"
    return "asymptotic" if len(np.unique(xy)) < len(xy) else "exact"


def brute(x, y):
    gt = sum(1.0 for a in x for b in y if a > b)
    eq = sum(1.0 for a in x for b in y if a == b)
    lt = len(x) * len(y) - gt - eq
    return (gt - lt) / (len(x) * len(y)), (gt + 0.5 * eq) / (len(x) * len(y))


def holm(p):
    p = np.asarray(p, float)
    order = np.argsort(p)
    m = len(p)
    raw = p[order] * np.arange(m, 0, -1)
    adj = np.minimum(np.maximum.accumulate(raw), 1.0)
    out = np.empty(m)
    out[order] = adj
    return out


def samples():
    c = {}
    c["ties_small"] = [[1, 2, 2, 3, 5], [2, 3, 3, 4], [5, 6, 6, 7, 1]]
    c["tiny_1_2_3"] = [[0.3], [1.2, -0.4], [2.5, 0.1, 0.7]]
    c["exact_sizes"] = [lst(rng.normal(0, 1, 5)), lst(rng.normal(1, 1, 7)), lst(rng.normal(0.5, 1, 8))]
    c["exact_one_small"] = [lst(rng.normal(0, 1, 3)), lst(rng.normal(0.8, 1, 40)), lst(rng.normal(0.2, 1, 6))]
    c["unbalanced_large"] = [lst(rng.normal(0, 1, 120)), lst(rng.normal(0.3, 1.5, 35)), lst(rng.normal(-0.2, 1, 12))]
    c["rounded_many_ties"] = [lst(np.round(rng.normal(0, 1, 30), 1)), lst(np.round(rng.normal(0.4, 1, 25), 1)),
                              lst(np.round(rng.normal(0.1, 1, 14), 1))]
    c["separated"] = [lst(np.arange(1, 11)), lst(np.arange(11, 21)), lst(np.arange(21, 26))]
    c["large_exact_path"] = [lst(rng.normal(0, 1, 2)), lst(rng.normal(3, 1, 300)), lst(rng.normal(0, 1, 9))]
    c["all_equal"] = [[2.0, 2.0, 2.0], [2.0, 2.0], [2.0, 2.0, 2.0, 2.0]]
    return c


def main():
    data = {"generator": f"tools/reference/statistics_reference.py, scipy {scipy.__version__}, numpy {np.__version__}",
            "kruskal": [], "mannwhitneyu": [], "holm": [], "logistic": []}
    for name, groups in samples().items():
        g = [np.asarray(v, float) for v in groups]
        try:
            h, p = stats.kruskal(*g)
            h, p = float(h), float(p)
        except ValueError:  # all numbers identical
            h = p = None
        data["kruskal"].append({"name": name, "groups": [lst(v) for v in g], "h": h, "p": p})
        for a, b in [(0, 1), (0, 2), (1, 2)]:
            x, y = g[a], g[b]
            r = stats.mannwhitneyu(x, y, alternative="two-sided", method="auto")
            delta, auc = brute(x, y)
            data["mannwhitneyu"].append({"name": f"{name}_{a}{b}", "x": lst(x), "y": lst(y), "u": float(r.statistic),
                                         "p": float(r.pvalue), "method": chosen_method(x, y), "cliffs_delta": delta, "auc": auc})
    for name, p in {"five": [0.01, 0.04, 0.03, 0.005, 0.2], "ties": [0.02, 0.02, 0.5, 0.001],
                    "cap": [0.4, 0.6, 0.9], "one": [0.03],
                    "random": lst(rng.uniform(0, 0.1, 12))}.items():
        data["holm"].append({"name": name, "p": lst(p), "adjusted": lst(holm(p))})
    for name, (n, d, shift, lam) in {"separable_small": (12, 2, 4.0, 1.0), "overlap": (80, 4, 0.7, 1.0),
                                     "strong_penalty": (50, 3, 1.0, 25.0), "weak_penalty": (60, 5, 0.5, 0.01)}.items():
        y = np.array([0] * (n // 2) + [1] * (n - n // 2), float)
        x = rng.normal(0, 1, (n, d)) * rng.uniform(0.5, 20, d) + rng.uniform(-5, 5, d) + shift * y[:, None] * rng.uniform(0.2, 1, d)
        if name == "overlap":
            x[:, 3] = 7.0  # a constant feature: standardised to zero, coefficient 0
        mu = x.mean(axis=0)
        sd = x.std(axis=0)
        z = np.where(sd > 0, (x - mu) / np.where(sd > 0, sd, 1), 0.0)
        Z = np.hstack([np.ones((n, 1)), z])
        pen = np.r_[0.0, np.full(d, lam)]

        def f(w):
            eta = Z @ w
            return np.sum(np.logaddexp(0, eta) - y * eta) + 0.5 * np.sum(pen * w * w)

        def grad(w):
            return Z.T @ (1 / (1 + np.exp(-(Z @ w))) - y) + pen * w

        def hess(w):
            q = 1 / (1 + np.exp(-(Z @ w)))
            return (Z * (q * (1 - q))[:, None]).T @ Z + np.diag(pen)

        res = optimize.minimize(f, np.zeros(d + 1), jac=grad, hess=hess, method="trust-exact", options={"gtol": 1e-13})
        data["logistic"].append({"name": name, "x": [lst(r) for r in x], "y": lst(y), "lambda": lam,
                                 "intercept": float(res.x[0]), "coefficients": lst(res.x[1:]),
                                 "gradient_norm": float(np.linalg.norm(grad(res.x)))})
    with open(OUT, "w") as fh:
        json.dump(data, fh, indent=1)
        fh.write("\n")
    print(f"wrote {os.path.normpath(OUT)}")


if __name__ == "__main__":
    main()
