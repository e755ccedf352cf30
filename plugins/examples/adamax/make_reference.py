#!/usr/bin/python3
"""Writes adamax.json: the reference points AdamaxTraceTest compares the plugin with.

Run it here with PyTorch (on Debian: apt-get install python3-torch), then commit the JSON file:

    /usr/bin/python3 make_reference.py

This is the scaffold's script filled in for Adamax: make_optimizer() builds torch.optim.Adamax,
and CASES checks the defaults and a configuration with every parameter changed. Parameters use
descent's names: torch's lr is learning_rate, its betas=(b1, b2) are beta1 and beta2. The gradients are the analytic ones of descent's test functions
(dev.descent.testkit.trace.TestFunction), written with the same operations in the same order, and
everything runs in float64, so the two sides can agree to about 1e-12.
"""
import json
import math

import torch

# What made the points; recorded in the JSON file.
REFERENCE = "torch.optim.Adamax"
STEPS = 100
STARTS = {"rosenbrock": [-1.5, 2.0], "quadratic": [2.0, 1.0], "himmelblau": [-1.0, 1.0]}

# (params as descent names them, test function); {} means the plugin's defaults.
CASES = [(params, f) for params in (
    {},
    {"learning_rate": 0.05, "beta1": 0.8, "beta2": 0.99, "eps": 1e-6, "weight_decay": 0.01},
) for f in STARTS]


def make_optimizer(params, p):
    """The reference optimizer for one case; foreach=False pins torch's single-tensor implementation."""
    return torch.optim.Adamax([p], lr=params.get("learning_rate", 0.002),
                              betas=(params.get("beta1", 0.9), params.get("beta2", 0.999)),
                              eps=params.get("eps", 1e-8), weight_decay=params.get("weight_decay", 0.0),
                              foreach=False)


def gradient(f, x, y):
    if f == "rosenbrock":
        b = y - x * x
        return [-2.0 * (1.0 - x) - 400.0 * x * b, 200.0 * b]
    if f == "quadratic":
        return [x, 10.0 * y]
    a = x * x + y - 11.0
    b = x + y * y - 7.0
    return [4.0 * x * a + 2.0 * b, 2.0 * a + 4.0 * y * b]


def trace(params, f):
    p = torch.tensor([STARTS[f]], dtype=torch.float64, requires_grad=True)
    opt = make_optimizer(params, p)
    points = [[p[0, 0].item(), p[0, 1].item()]]
    for _ in range(STEPS):
        x, y = p[0, 0].item(), p[0, 1].item()
        p.grad = torch.tensor([gradient(f, x, y)], dtype=torch.float64)
        opt.step()
        points.append([p[0, 0].item(), p[0, 1].item()])
    assert all(math.isfinite(v) for q in points for v in q), (params, f)
    return points


def main():
    cases = [{"params": params, "function": f, "start": STARTS[f], "points": trace(params, f)} for params, f in CASES]
    source = "%s, torch %s, float64, written by make_reference.py" % (REFERENCE, torch.__version__)
    with open("adamax.json", "w") as fh:
        json.dump({"source": source, "steps": STEPS, "cases": cases}, fh, separators=(",", ":"))
    print("wrote adamax.json: %d cases of %d steps" % (len(cases), STEPS))


if __name__ == "__main__":
    main()
