#!/usr/bin/python3
"""Writes traces.json: reference optimizer trajectories from torch.optim (PyTorch 1.13, float64).

Run from this directory with Debian's torch:  /usr/bin/python3 make_traces.py
MatchesTorchTraceTest replays every case through dev.descent.testkit.trace.OptimizerTrace.

The gradients are the analytic ones of dev.descent.testkit.trace.TestFunction, written with the
same operations in the same order, so both sides feed the optimizer bitwise identical inputs.
foreach=False pins torch's single-tensor (reference) implementation.
"""
import json
import math

import torch

STEPS = 200
STARTS = {"rosenbrock": [-1.5, 2.0], "quadratic": [2.0, 1.0], "himmelblau": [-1.0, 1.0]}


def value(f, x, y):
    if f == "rosenbrock":
        a = 1.0 - x
        b = y - x * x
        return a * a + 100.0 * b * b
    if f == "quadratic":
        return 0.5 * (x * x + 10.0 * y * y)
    a = x * x + y - 11.0
    b = x + y * y - 7.0
    return a * a + b * b


def gradient(f, x, y):
    if f == "rosenbrock":
        b = y - x * x
        return [-2.0 * (1.0 - x) - 400.0 * x * b, 200.0 * b]
    if f == "quadratic":
        return [x, 10.0 * y]
    a = x * x + y - 11.0
    b = x + y * y - 7.0
    return [4.0 * x * a + 2.0 * b, 2.0 * a + 4.0 * y * b]


def make(name, params):
    lr = params.get("learning_rate")
    kw = {k: v for k, v in params.items() if k not in ("learning_rate", "beta1", "beta2")}
    if "beta1" in params or "beta2" in params:
        kw["betas"] = (params.get("beta1", 0.9), params.get("beta2", 0.999))
    cls = {"sgd": torch.optim.SGD, "adam": torch.optim.Adam, "adadelta": torch.optim.Adadelta,
           "adagrad": torch.optim.Adagrad, "rmsprop": torch.optim.RMSprop}[name]
    if name == "sgd" and lr is None:
        lr = 0.01  # descent's documented default; torch has none
    if lr is not None:
        kw["lr"] = lr
    kw["foreach"] = False
    return lambda p: cls([p], **kw)


# (optimizer, params as descent names them, {function: params override} or None)
CONFIGS = [
    ("sgd", {}, {"rosenbrock": {"learning_rate": 0.001}}),
    ("sgd", {"learning_rate": 0.001, "momentum": 0.9, "dampening": 0.1}, {"quadratic": {"learning_rate": 0.01}}),
    ("sgd", {"learning_rate": 0.001, "momentum": 0.8, "nesterov": True}, {"quadratic": {"learning_rate": 0.01}}),
    ("sgd", {"learning_rate": 0.001, "weight_decay": 0.1}, {"quadratic": {"learning_rate": 0.02}}),
    ("adam", {}, None),
    ("adam", {"learning_rate": 0.05, "beta1": 0.8, "beta2": 0.99, "eps": 1e-6}, None),
    ("adam", {"learning_rate": 0.05, "amsgrad": True}, None),
    ("adam", {"learning_rate": 0.02, "weight_decay": 0.1}, None),
    ("adadelta", {}, None),
    ("adadelta", {"learning_rate": 0.5, "rho": 0.8, "eps": 1e-4, "weight_decay": 0.05}, None),
    ("adagrad", {}, None),
    ("adagrad", {"learning_rate": 0.3, "lr_decay": 0.01, "initial_accumulator_value": 0.5, "eps": 1e-6,
                 "weight_decay": 0.01}, None),
    ("rmsprop", {}, None),
    ("rmsprop", {"learning_rate": 0.005, "alpha": 0.9, "eps": 1e-6, "weight_decay": 0.01, "momentum": 0.5,
                 "centered": True}, None),
]


def trace(name, params, f):
    p = torch.tensor([STARTS[f]], dtype=torch.float64, requires_grad=True)
    opt = make(name, params)(p)
    points = [[p[0, 0].item(), p[0, 1].item()]]
    for _ in range(STEPS):
        x, y = p[0, 0].item(), p[0, 1].item()
        p.grad = torch.tensor([gradient(f, x, y)], dtype=torch.float64)
        opt.step()
        points.append([p[0, 0].item(), p[0, 1].item()])
    for q in points:
        assert all(math.isfinite(v) and abs(v) < 1e3 for v in q), (name, params, f, q)
    return points


def main():
    cases = []
    for name, params, overrides in CONFIGS:
        for f in STARTS:
            ps = dict(params)
            ps.update((overrides or {}).get(f, {}))
            pts = trace(name, ps, f)
            cases.append({"optimizer": name, "params": ps, "function": f, "start": STARTS[f],
                          "points": pts, "final_loss": value(f, *pts[-1])})
    out = {"generator": "make_traces.py", "torch_version": torch.__version__, "dtype": "float64",
           "steps": STEPS, "cases": cases}
    with open("traces.json", "w") as fh:
        json.dump(out, fh, separators=(",", ":"))
    for c in cases:
        print(c["optimizer"], c["params"], c["function"], "loss %.3g -> %.3g" % (value(c["function"], *c["start"]), c["final_loss"]))


if __name__ == "__main__":
    main()
