#!/usr/bin/python3
"""Optuna on the same tabular benchmark as `descent sweeps replay`.

Reads the table `descent sweeps replay SWEEP --export table.json` writes (each configuration of a finished
grid sweep with its per-epoch objective) and runs Optuna's samplers and SuccessiveHalvingPruner on it, one
trial at a time as one worker would: a trial suggests one categorical per axis, "trains" by reading its
curve epoch by epoch (reporting each epoch and asking the pruner), and returns the best value of its curve.
Like descent's replay, the best found counts complete trials only (study.best_value), epochs are counted
per epoch read times the configuration's seeds, and a configuration is charged again when Optuna proposes
it again (Optuna has no notion of a finished duplicate; descent redraws instead, which is its own saving).
A combination missing from a partial table (`--partial`) is pruned before its first epoch: no cost, not counted.

    /usr/bin/python3 bench/optuna_replay.py table.json --sampler tpe --pruner asha --repeats 30
    /usr/bin/python3 bench/optuna_replay.py table.json --sampler tpe --pruner asha --epochs-budget 180

Prints one JSON object shaped like `descent sweeps replay --json`. Needs python3-optuna (Debian, 3.1).
"""
import argparse
import json
import math

import numpy as np
import optuna


def quartiles(values):
    v = np.asarray(values, dtype=float)
    return {"median": float(np.median(v)), "q1": float(np.percentile(v, 25)), "q3": float(np.percentile(v, 75))}


def key(params, axes):
    return json.dumps([params[a] for a in axes])


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("table")
    ap.add_argument("--sampler", choices=["tpe", "random"], default="tpe")
    ap.add_argument("--pruner", choices=["asha", "median", "none"], default="asha")
    ap.add_argument("--min-epochs", type=int, default=1)
    ap.add_argument("--reduction-factor", type=int, default=3)
    ap.add_argument("--trials", type=int, default=None, help="default: the table's number of configurations")
    ap.add_argument("--epochs-budget", type=float, default=None,
                    help="stop a repeat once this many epochs are spent (best at equal epochs)")
    ap.add_argument("--repeats", type=int, default=30)
    args = ap.parse_args()

    table = json.load(open(args.table))
    axes = table["axes"]
    maximize = table["mode"] == "max"
    cells = {key(c["params"], axes): c for c in table["cells"]}
    choices = {a: [] for a in axes}
    for c in table["cells"]:
        for a in axes:
            if c["params"][a] not in choices[a]:
                choices[a].append(c["params"][a])
    trials = args.trials or len(cells)
    optuna.logging.set_verbosity(optuna.logging.ERROR)

    outcomes = []
    for seed in range(args.repeats):
        spent = [0]
        real = [0]
        sampler = (optuna.samplers.TPESampler(seed=seed) if args.sampler == "tpe"
                   else optuna.samplers.RandomSampler(seed=seed))
        pruner = {"asha": optuna.pruners.SuccessiveHalvingPruner(min_resource=args.min_epochs,
                                                                 reduction_factor=args.reduction_factor,
                                                                 min_early_stopping_rate=0),
                  "median": optuna.pruners.MedianPruner(),
                  "none": optuna.pruners.NopPruner()}[args.pruner]
        study = optuna.create_study(direction="maximize" if maximize else "minimize", sampler=sampler, pruner=pruner)

        def objective(trial):
            params = {a: trial.suggest_categorical(a, choices[a]) for a in axes}
            cell = cells.get(key(params, axes))
            if cell is None:  # a combination a partial table lacks: pruned at once, no cost, not counted
                raise optuna.TrialPruned()
            real[0] += 1
            best = None
            for epoch, value in enumerate(cell["curve"], start=1):
                spent[0] += cell["seeds"]
                if value is None:
                    continue
                trial.report(value, epoch)
                best = value if best is None else (max(best, value) if maximize else min(best, value))
                if trial.should_prune():
                    raise optuna.TrialPruned()
            return best if best is not None else float("nan")

        def budget(study, trial):
            if args.epochs_budget is not None and spent[0] >= args.epochs_budget or real[0] >= trials:
                study.stop()

        study.optimize(objective, n_trials=100 * trials, callbacks=[budget])
        complete = [t for t in study.trials if t.state == optuna.trial.TrialState.COMPLETE
                    and t.value is not None and not math.isnan(t.value)]
        best = (max if maximize else min)(t.value for t in complete) if complete else float("nan")
        pruned = sum(1 for t in study.trials if t.state == optuna.trial.TrialState.PRUNED and t.intermediate_values)
        outcomes.append((best, spent[0], pruned, real[0]))

    full = table["full_epochs"]
    print(json.dumps({
        "tool": "optuna " + optuna.__version__, "sampler": args.sampler, "pruner": args.pruner,
        "repeats": args.repeats, "trials": trials, "epochs_budget": args.epochs_budget,
        "best": quartiles([o[0] for o in outcomes]),
        "epochs": quartiles([o[1] for o in outcomes]),
        "epochs_fraction": quartiles([o[1] / full for o in outcomes]),
        "pruned": quartiles([o[2] for o in outcomes]),
        "grid_best": table["best"], "grid_epochs": full,
    }))


if __name__ == "__main__":
    main()
