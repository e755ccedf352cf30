#!/usr/bin/python3
"""PyTorch side of descent's training benchmark (bench/run.sh runs it through TrainingBenchmark).

Trains 784-256-128-10 (ReLU, ReLU, softmax via CrossEntropyLoss) with Adam(lr=1e-3) on Fashion-MNIST
read from the same IDX files as descent, pixels / 255, float32, one thread, reshuffled each epoch
with a seeded generator; prints one JSON line with the training samples per second (wall clock) and per CPU-second
(time.process_time) of every epoch, and the sgemm roof of its BLAS on the step's matrix products.

    /usr/bin/python3 bench/pytorch_bench.py --batch 128 --epochs 3 [--loop efficient|gather] [--limit N] [--data DIR]

--loop efficient (the default) is how a performance-minded user writes the loop: the whole training tensor is
shuffled once per epoch (xs = x[perm]) and batches are contiguous slices of it, and the loss is read back only
every 100 steps (loss.item() costs a sync and a dispatch). --loop gather is the naive loop this file had before:
x[idx] for every batch and loss.item() every step, 40% slower at batch 32.

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


def openblas_info():
    """OpenBLAS's core (kernel family) and build string, as the library itself reports them; {} when not OpenBLAS."""
    import ctypes
    path = blas_library()
    try:
        lib = ctypes.CDLL(path)
        info = {}
        for name in ("openblas_get_corename", "openblas_get_config"):
            f = getattr(lib, name)
            f.restype = ctypes.c_char_p
            info[name[len("openblas_get_"):]] = f().decode()
        return info
    except (OSError, AttributeError):
        return {}


def sgemm_roof(batch, sizes, seconds=1.0):
    """GFLOP/s of this BLAS's cblas_sgemm, called directly through ctypes, on the matrix products of one training
    step at this batch size (forward, weight gradients, input gradients of every layer but the first), the
    same shapes descent's roof uses: the ceiling no framework on this library can pass."""
    import ctypes
    lib = ctypes.CDLL(blas_library())
    sgemm = lib.cblas_sgemm
    shapes = step_gemms(batch, sizes)
    bufs = []
    for (m, n, k, ta, tb) in shapes:
        a = np.random.rand(m * k).astype(np.float32)
        b = np.random.rand(k * n).astype(np.float32)
        c = np.zeros(m * n, dtype=np.float32)
        bufs.append((m, n, k, ta, tb, a, b, c))
    fp = ctypes.POINTER(ctypes.c_float)
    calls = [(m, n, k, 112 if ta else 111, 112 if tb else 111, a.ctypes.data_as(fp), b.ctypes.data_as(fp),
              c.ctypes.data_as(fp), (m if ta else k), (k if tb else n)) for (m, n, k, ta, tb, a, b, c) in bufs]
    one, zero = ctypes.c_float(1.0), ctypes.c_float(0.0)
    flops = sum(2.0 * m * n * k for (m, n, k, _, _) in shapes)

    def run(reps):
        for _ in range(reps):
            for (m, n, k, ta, tb, a, b, c, lda, ldb) in calls:
                sgemm(101, ta, tb, m, n, k, one, a, lda, b, ldb, zero, c, n)

    run(3)
    reps, best, best_cpu = 1, 0.0, 0.0
    t_end = time.perf_counter() + seconds
    while time.perf_counter() < t_end:
        c0 = time.thread_time()
        t0 = time.perf_counter()
        run(reps)
        dt = time.perf_counter() - t0
        dc = time.thread_time() - c0
        best = max(best, reps * flops / dt / 1e9)
        if dc > 0:
            best_cpu = max(best_cpu, reps * flops / dc / 1e9)
        reps = min(reps * 2, 64)
    return best, best_cpu


def step_gemms(batch, sizes):
    """(m, n, k, transA, transB) of every matrix product in one step: x W, x^T dZ and dZ W^T per layer."""
    out = []
    for i in range(len(sizes) - 1):
        fan_in, fan_out = sizes[i], sizes[i + 1]
        out.append((batch, fan_out, fan_in, False, False))
        out.append((fan_in, fan_out, batch, True, False))
        if i > 0:
            out.append((batch, fan_in, fan_out, False, True))
    return out


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--data", default="/usr/share/datasets/fashion-mnist")
    p.add_argument("--batch", type=int, default=128)
    p.add_argument("--epochs", type=int, default=3)
    p.add_argument("--limit", type=int, default=None, help="train on the first N examples")
    p.add_argument("--seed", type=int, default=42)
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--loop", choices=("efficient", "gather"), default="efficient")
    p.add_argument("--loss-every", type=int, default=100, help="efficient loop: read the loss every N steps")
    p.add_argument("--roof-seconds", type=float, default=1.0, help="time spent measuring the sgemm roof (0: skip)")
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

    nan = (float("nan"), float("nan"))
    roof_before = sgemm_roof(a.batch, [784, 256, 128, 10], a.roof_seconds) if a.roof_seconds > 0 else nan
    per_epoch, per_epoch_cpu, losses = [], [], []
    steps = (n + a.batch - 1) // a.batch
    for epoch in range(1, a.epochs + 1):
        t0 = time.perf_counter()
        c0 = time.process_time()
        order = torch.randperm(n, generator=g)
        total, counted = 0.0, 0
        if a.loop == "efficient":
            xs, ys = x[order], y[order]
            for s in range(steps):
                xb, yb = xs[s * a.batch:(s + 1) * a.batch], ys[s * a.batch:(s + 1) * a.batch]
                opt.zero_grad(set_to_none=True)
                loss = loss_fn(model(xb), yb)
                loss.backward()
                opt.step()
                if s % a.loss_every == 0:
                    total += loss.item()
                    counted += 1
        else:
            for start in range(0, n, a.batch):
                idx = order[start:start + a.batch]
                xb, yb = x[idx], y[idx]
                opt.zero_grad(set_to_none=True)
                loss = loss_fn(model(xb), yb)
                loss.backward()
                opt.step()
                total += loss.item() * len(idx)
            counted = n
        seconds = time.perf_counter() - t0
        per_epoch.append(n / seconds)
        per_epoch_cpu.append(n / (time.process_time() - c0))
        losses.append(total / counted)
        if a.verbose:
            print("  pytorch(%s) b=%d epoch %d: %.0f samples/s (%.0f per CPU-s), %.1f s, train loss %.4f"
                  % (a.loop, a.batch, epoch, n / seconds, per_epoch_cpu[-1], seconds, total / counted), file=sys.stderr)

    # measured before and after training, the best kept (a roof taken while other work held the core would
    # flatter the share)
    roof_after = sgemm_roof(a.batch, [784, 256, 128, 10], a.roof_seconds) if a.roof_seconds > 0 else nan
    roof, roof_cpu = max(roof_before[0], roof_after[0]), max(roof_before[1], roof_after[1])
    info = openblas_info()
    print(json.dumps({
        "framework": "pytorch", "batch": a.batch, "epochs_samples_per_second": per_epoch,
        "epochs_samples_per_cpu_second": per_epoch_cpu,
        "last_epoch_loss": losses[-1], "peak_rss_mb": proc_status("VmHWM"),
        "torch": torch.__version__, "threads": torch.get_num_threads(), "train_size": n,
        "omp_num_threads": os.environ.get("OMP_NUM_THREADS"), "blas": blas_library(),
        "openblas_coretype_env": os.environ.get("OPENBLAS_CORETYPE"), "openblas_core": info.get("corename"),
        "openblas_config": info.get("config"), "loop": a.loop, "sgemm_roof_gflops": roof,
        "sgemm_roof_gflops_per_cpu_second": roof_cpu,
    }))


if __name__ == "__main__":
    main()
