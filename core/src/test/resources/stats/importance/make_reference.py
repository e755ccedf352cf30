#!/usr/bin/python3
"""Reference numbers for PedAnovaReferenceTest.

Optuna 3.1 (Debian's python3-optuna) has no PedAnovaImportanceEvaluator (it arrived in Optuna 3.6), so this
script implements the paper's formula (Watanabe, Bansal, Hutter, IJCAI 2023) independently with numpy and
scipy, following Optuna's evaluator: top-gamma quantile filter (numpy quantile, method "higher", at least 2
trials), per-parameter Scott-rule Parzen estimators on a 50-point grid (categorical: one point per value) with
a prior kernel of weight 1, importance = (n_top / n) * sum p_all (p_top / p_all - 1)^2. The grid is read off
the observed values exactly as descent's ParamGrid does (the store keeps trials, not the search space).
A conditional parameter (momentum, only with sgd) is measured over the trials where it is active: the same
filter and densities on that subset, so it is judged by the best of its own trials.

As a second, independent check it ranks the same parameters with Optuna 3.1's FanovaImportanceEvaluator
(a random forest; conditional momentum left out, since fANOVA needs every parameter in every trial).

Run: /usr/bin/python3 make_reference.py  (writes trials.csv, reference.csv, fanova.csv here)
"""
import csv
import math
import os

import numpy as np
from scipy.stats import norm

HERE = os.path.dirname(os.path.abspath(__file__))
STEPS, MAX_CHOICES, LOG_RATIO, GAMMA, MIN_TOP, PRIOR = 50, 10, 100.0, 0.1, 2, 1.0


def plain(v):
    if isinstance(v, str):
        return v
    if float(v) == int(v) and abs(v) < 1e15 and isinstance(v, int):
        return str(v)
    return repr(float(v))


def make_trials(n=60, seed=7):
    rng = np.random.default_rng(seed)
    rows = []
    for i in range(n):
        lr = float(np.exp(rng.uniform(np.log(1e-4), np.log(1.0))))
        opt = str(rng.choice(["sgd", "adam", "rmsprop", "adagrad"]))
        bs = int(rng.choice([64, 128, 256]))
        dropout = float(rng.uniform(0.0, 0.5))
        momentum = float(rng.uniform(0.0, 0.95)) if opt == "sgd" else None
        acc = 0.88 - 0.02 * (math.log10(lr) + 2.5) ** 2 + {"adam": 0.01, "rmsprop": 0.005}.get(opt, 0.0)
        acc += 0.004 * (momentum or 0.0) + float(rng.normal(0, 0.003))
        rows.append({"learning_rate": lr, "optimizer": opt, "batch_size": bs, "dropout": dropout,
                     "momentum": momentum, "val_accuracy": acc})
    return rows


def grid_of(values):
    distinct = sorted({plain(v) for v in values})
    numbers = all(not isinstance(v, str) for v in values)
    if not numbers or len(distinct) <= MAX_CHOICES:
        return ("cat", distinct)
    lo, hi = min(values), max(values)
    if lo > 0 and hi / lo > LOG_RATIO:
        return ("num", math.log(lo), math.log(hi), True)
    return ("num", lo, hi, False)


def counts(grid, values):
    if grid[0] == "cat":
        c = np.zeros(len(grid[1]))
        for v in values:
            c[grid[1].index(plain(v))] += 1
        return c
    _, lo, hi, log = grid
    c = np.zeros(STEPS)
    for v in values:
        x = math.log(v) if log else v
        c[int(np.clip(np.rint((x - lo) / (hi - lo) * (STEPS - 1)), 0, STEPS - 1))] += 1
    return c


def pdf(c, categorical):
    n = len(c)
    occ = np.nonzero(c > 0)[0]
    if categorical:
        k = np.zeros((len(occ) + 1, n))
        k[:, :] = PRIOR / (len(occ) + 1)
        k[np.arange(len(occ)), occ] += 1
        k /= k.sum(axis=1, keepdims=True)
        w = np.append(c[occ], PRIOR)
        return (w / w.sum()) @ k
    total = c.sum()
    mus = occ.astype(float)
    mean = mus @ (c[occ] / total)
    sd = math.sqrt(((mus - mean) ** 2) @ c[occ] / max(1, total - 1))
    cum = np.cumsum(c[occ])
    q25 = np.searchsorted(cum, total // 4, side="left")
    q75 = np.searchsorted(cum, total * 3 // 4, side="left")
    iqr = mus[min(len(mus) - 1, q75)] - mus[q25]
    sigma = max(1.059 * min(iqr / 1.34, sd) * total ** -0.2, 0.5 / 1.64)
    mus = np.append(mus, 0.5 * (n - 1))
    sigmas = np.append(np.full(len(occ), sigma), float(n))
    w = np.append(c[occ], PRIOR)
    w = w / w.sum()
    x = np.arange(n)[:, None]
    inside = norm.cdf((n - 0.5 - mus) / sigmas) - norm.cdf((-0.5 - mus) / sigmas)
    mass = (norm.cdf((x + 0.5 - mus) / sigmas) - norm.cdf((x - 0.5 - mus) / sigmas)) / inside
    return mass @ w


def top_of(rows, higher):
    loss = np.array([-r["val_accuracy"] if higher else r["val_accuracy"] for r in rows])
    cutoff = max(np.partition(loss, MIN_TOP - 1)[MIN_TOP - 1], np.quantile(loss, GAMMA, method="higher"))
    return [r for r, l in zip(rows, loss) if l <= cutoff]


def ped_anova(rows, params, higher):
    n_top = len(top_of(rows, higher))
    out = {}
    for p in params:
        active = [r for r in rows if r[p] is not None]
        if len(active) <= MIN_TOP:
            out[p] = 0.0
            continue
        top = top_of(active, higher)  # a conditional parameter: PED-ANOVA of the trials where it is active
        q = len(top) / len(active)
        all_v = [r[p] for r in active]
        top_v = [r[p] for r in top]
        g = grid_of(all_v)
        cat = g[0] == "cat"
        pt = pdf(counts(g, top_v), cat) + 1e-12
        pa = pdf(counts(g, all_v), cat) + 1e-12
        out[p] = q * float(pa @ ((pt / pa - 1) ** 2))
    return out, n_top


def fanova(rows):
    import optuna
    from optuna.distributions import CategoricalDistribution, FloatDistribution
    from optuna.importance import FanovaImportanceEvaluator
    optuna.logging.set_verbosity(optuna.logging.WARNING)
    dists = {"learning_rate": FloatDistribution(1e-4, 1.0, log=True),
             "optimizer": CategoricalDistribution(["sgd", "adam", "rmsprop", "adagrad"]),
             "batch_size": CategoricalDistribution([64, 128, 256]), "dropout": FloatDistribution(0.0, 0.5)}
    study = optuna.create_study(direction="maximize")
    for r in rows:
        study.add_trial(optuna.trial.create_trial(params={k: r[k] for k in dists}, distributions=dists,
                                                  value=r["val_accuracy"]))
    return optuna.importance.get_param_importances(study, evaluator=FanovaImportanceEvaluator(seed=0))


def main():
    rows = make_trials()
    params = ["learning_rate", "optimizer", "batch_size", "dropout", "momentum"]
    with open(os.path.join(HERE, "trials.csv"), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(params + ["val_accuracy"])
        for r in rows:
            w.writerow(["" if r[p] is None else (repr(r[p]) if isinstance(r[p], float) else r[p]) for p in params]
                       + [repr(r["val_accuracy"])])
    imp, n_top = ped_anova(rows, params, higher=True)
    with open(os.path.join(HERE, "reference.csv"), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["param", "ped_anova", "n_top", "n"])
        for p in params:
            w.writerow([p, repr(imp[p]), n_top, len(rows)])
    with open(os.path.join(HERE, "fanova.csv"), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["param", "fanova"])
        for p, v in fanova(rows).items():
            w.writerow([p, repr(v)])


if __name__ == "__main__":
    main()
