#!/usr/bin/env bash
# Times one 16-cell Fashion-MNIST sweep with every choice of workers x OpenMP threads per worker on
# this machine, each into a fresh store, and prints a table (wall seconds, cells/min, mean per-cell
# overhead: claim, setup, provenance and store writes). The default is --workers = cores with one
# thread each. Usage: bench/sweep-workers.sh [LIMIT] (training examples per cell, default 12000).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
limit="${1:-12000}"
work="$(mktemp -d)"
cat > "$work/grid.yaml" <<YAML
name: workers-bench
dataset: {name: fashion-mnist, validation_split: 0.1, limit: $limit, test_limit: 2000}
model:
  layers:
    - {type: dense, units: 256, activation: relu}
    - {type: dropout, rate: 0.2}
    - {type: dense, units: 128, activation: relu}
    - {type: dense, units: 10, activation: softmax}
  loss: softmax_cross_entropy
  init: he_normal
training: {optimizer: adam, batch_size: 128, epochs: 2, seed: 1}
grid:
  optimizer: [sgd, adam, adagrad, rmsprop]
  learning_rate: [0.001, 0.01]
  batch_size: [64, 256]
YAML
"$root/descent" --version >/dev/null   # build the jar first, outside the timings
cores=$(nproc)
printf "%-8s %-8s %10s %10s %14s\n" workers threads wall_s cells/min overhead_ms
for workers in 1 "$cores"; do
  for threads in 1 "$cores"; do
    store="$work/store-$workers-$threads"
    start=$(date +%s.%N)
    out=$(OMP_NUM_THREADS=$threads "$root/descent" run "$work/grid.yaml" --store "$store" --workers "$workers" 2>&1)
    end=$(date +%s.%N)
    overhead=$(echo "$out" | sed -n 's/.*mean overhead per cell[^:]*: \([0-9.]*\) ms.*/\1/p')
    wall=$(echo "$end - $start" | bc -l)
    printf "%-8s %-8s %10.1f %10.2f %14s\n" "$workers" "$threads" "$wall" "$(echo "16 * 60 / $wall" | bc -l)" "${overhead:-?}"
  done
done
rm -rf "$work"
