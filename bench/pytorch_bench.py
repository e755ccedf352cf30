#!/usr/bin/python3
"""PyTorch side of descent's training benchmark (bench/run.sh runs it through TrainingBenchmark).

Trains 784-256-128-10 (ReLU, ReLU, softmax via CrossEntropyLoss) with Adam(lr=1e-3) on Fashion-MNIST
read from the same IDX files as descent, pixels / 255, float32, one thread, reshuffled each epoch
with a seeded generator; prints one JSON line with the training samples per second (wall clock) and per CPU-second
(time.process_time) of every epoch.

    /usr/bin/python3 bench/pytorch_bench.py --batch 128 --epochs 3 [--limit N] [--data DIR]

Needs Debian's python3-torch (1.13) and numpy; never a build dependency. Debian's torch is built with
BLAS_INFO=generic: it calls whatever libblas.so.3 the loader finds, the reference BLAS by default
(~5 GFLOP/s). TrainingBenchmark puts ND4J's bundled OpenBLAS first on LD_LIBRARY_PATH so all three
frameworks use the same kernels; the "blas" field of the output says which library was loaded.
"""
import argparse
import gzip
import json
import os
import sys
import time

import numpy as np
import torch


def read_idx(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as f:
        data = f.read()
    dims = data[3]
    shape = tuple(int.from_bytes(data[4 + 4 * i:8 + 4 * i], "big") for i in range(dims))
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


def find(directory, name):
    for candidate in (name + ".gz", name):
        path = os.path.join(directory, candidate)
        if os.path.isfile(path):
            return path
    sys.exit("pytorch_bench: %s(.gz) not found in %s" % (name, directory))


def proc_status(field):
    """A /proc/self/status figure in MiB (VmHWM: peak RSS of this process since exec), NaN off Linux."""
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith(field + ":"):
                    return int(line.split()[1]) / 1024.0
    except OSError:
        pass
    return float("nan")


def blas_library():
    """The BLAS shared library this process loaded (torch from Debian calls whatever libblas.so.3 resolves to)."""
    try:
        with open("/proc/self/maps") as f:
            libs = {line.split()[-1] for line in f if "blas" in line.rsplit("/", 1)[-1]}
        return sorted(libs)[0] if libs else "?"
    except OSError:
        return "?"


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--data", default="/usr/share/datasets/fashion-mnist")
    p.add_argument("--batch", type=int, default=128)
    p.add_argument("--epochs", type=int, default=3)
    p.add_argument("--limit", type=int, default=None, help="train on the first N examples")
    p.add_argument("--seed", type=int, default=42)
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--verbose", action="store_true")
    a = p.parse_args()

    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    images = read_idx(find(a.data, "train-images-idx3-ubyte"))
    labels = read_idx(find(a.data, "train-labels-idx1-ubyte"))
    if a.limit is not None:
        images, labels = images[:a.limit], labels[:a.limit]
    x = torch.from_numpy(images.reshape(len(images), -1).astype(np.float32) / 255.0)
    y = torch.from_numpy(labels.astype(np.int64))
    n = x.shape[0]

    model = torch.nn.Sequential(
        torch.nn.Linear(784, 256), torch.nn.ReLU(),
        torch.nn.Linear(256, 128), torch.nn.ReLU(),
        torch.nn.Linear(128, 10))
    for m in model:
        if isinstance(m, torch.nn.Linear):
            torch.nn.init.xavier_uniform_(m.weight)
            torch.nn.init.zeros_(m.bias)
    loss_fn = torch.nn.CrossEntropyLoss()
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    g = torch.Generator().manual_seed(a.seed)

    per_epoch, per_epoch_cpu, losses = [], [], []
    for epoch in range(1, a.epochs + 1):
        t0 = time.perf_counter()
        c0 = time.process_time()
        order = torch.randperm(n, generator=g)
        total = 0.0
        for start in range(0, n, a.batch):
            idx = order[start:start + a.batch]
            xb, yb = x[idx], y[idx]
            opt.zero_grad(set_to_none=True)
            loss = loss_fn(model(xb), yb)
            loss.backward()
            opt.step()
            total += loss.item() * len(idx)
        seconds = time.perf_counter() - t0
        per_epoch.append(n / seconds)
        per_epoch_cpu.append(n / (time.process_time() - c0))
        losses.append(total / n)
        if a.verbose:
            print("  pytorch b=%d epoch %d: %.0f samples/s (%.0f per CPU-s), %.1f s, train loss %.4f"
                  % (a.batch, epoch, n / seconds, per_epoch_cpu[-1], seconds, total / n), file=sys.stderr)

    print(json.dumps({
        "framework": "pytorch", "batch": a.batch, "epochs_samples_per_second": per_epoch,
        "epochs_samples_per_cpu_second": per_epoch_cpu,
        "last_epoch_loss": losses[-1], "peak_rss_mb": proc_status("VmHWM"),
        "torch": torch.__version__, "threads": torch.get_num_threads(), "train_size": n,
        "omp_num_threads": os.environ.get("OMP_NUM_THREADS"), "blas": blas_library(),
    }))


if __name__ == "__main__":
    main()
