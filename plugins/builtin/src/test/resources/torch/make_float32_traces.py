#!/usr/bin/python3
"""Writes float32_traces.json: torch.optim's optimizers (PyTorch 1.13) on float32 parameters, step by step.

Run from this directory with Debian's torch:  /usr/bin/python3 make_float32_traces.py
Float32MatchesTorchTest replays every case through descent's optimizer of that name on a float32 INDArray.

Each case starts from a fixed float32 vector and applies a fixed sequence of float32 gradients (written
into the file, so both sides use bitwise the same inputs, independent of the parameters). torch keeps
float32 state for float32 parameters and computes the update in float32; so do descent's built-ins.
foreach=False pins torch's single-tensor (reference) implementation.
"""
import json
import math

import torch

SIZE = 16
STEPS = 50
CASES = [
    ("adam", {"learning_rate": 0.001}),
    ("adam", {"learning_rate": 0.01, "beta1": 0.8, "beta2": 0.99, "eps": 1e-6}),
    ("adam", {"learning_rate": 0.003, "weight_decay": 0.01, "amsgrad": True}),
    ("sgd", {"learning_rate": 0.01}),
    ("sgd", {"learning_rate": 0.01, "momentum": 0.9, "nesterov": True, "weight_decay": 0.001}),
    ("sgd", {"learning_rate": 0.02, "momentum": 0.5, "dampening": 0.1}),
    ("rmsprop", {"learning_rate": 0.001}),
    ("rmsprop", {"learning_rate": 0.001, "momentum": 0.9, "centered": True, "weight_decay": 0.01}),
    ("adagrad", {"learning_rate": 0.01}),
    ("adagrad", {"learning_rate": 0.05, "lr_decay": 0.01, "initial_accumulator_value": 0.1, "weight_decay": 0.01}),
    ("adadelta", {"learning_rate": 1.0}),
    ("adadelta", {"learning_rate": 0.5, "rho": 0.8, "eps": 1e-5, "weight_decay": 0.01}),
]
CLASSES = {"sgd": torch.optim.SGD, "adam": torch.optim.Adam, "adadelta": torch.optim.Adadelta,
           "adagrad": torch.optim.Adagrad, "rmsprop": torch.optim.RMSprop}


def f32(values):
    return [float(v) for v in torch.tensor(values, dtype=torch.float32)]


def main():
    start = f32([math.cos(0.7 * i) * (1 + i % 5) for i in range(SIZE)])
    grads = [f32([math.sin(0.37 * i + 1.3 * k) * (0.1 + (i * k) % 7) for i in range(SIZE)]) for k in range(STEPS)]
    cases = []
    for name, params in CASES:
        p = torch.nn.Parameter(torch.tensor(start, dtype=torch.float32))
        kw = {k: v for k, v in params.items() if k not in ("learning_rate", "beta1", "beta2")}
        if name == "adam":
            kw["betas"] = (params.get("beta1", 0.9), params.get("beta2", 0.999))
        opt = CLASSES[name]([p], lr=params["learning_rate"], foreach=False, **kw)
        points = []
        for k in range(STEPS):
            p.grad = torch.tensor(grads[k], dtype=torch.float32)
            opt.step()
            points.append([float(v) for v in p.detach()])
        cases.append({"optimizer": name, "params": params, "points": points})
    with open("float32_traces.json", "w") as f:
        json.dump({"torch": torch.__version__, "dtype": "float32", "start": start, "gradients": grads,
                   "cases": cases}, f)


if __name__ == "__main__":
    main()
