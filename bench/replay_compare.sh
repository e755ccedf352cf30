#!/usr/bin/env bash
# descent's replay against Optuna on the same table: tpe/random x asha for both tools, at equal trials, and
# Optuna again at descent's median epoch spend (best at equal epochs). Usage:
#   bench/replay_compare.sh STORE SWEEP_ID [REDUCTION_FACTOR] [extra replay flags, e.g. --partial]
# Needs the CLI jar (cli/target/descent.jar or $DESCENT_JAR) and /usr/bin/python3 with python3-optuna.
set -euo pipefail
store="$1"; sweep="$2"; eta="${3:-3}"; shift 3 || shift $#
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jar="${DESCENT_JAR:-$root/cli/target/descent.jar}"
descent() { OPENBLAS_CORETYPE=Haswell "$root/bin/java-blas" -jar "$jar" "$@"; }
table="$(mktemp "${TMPDIR:-/tmp}/replay-table.XXXXXX.json")"
for method in tpe random; do
  out="$(descent sweeps replay "$sweep" --store="$store" --method "$method" --pruner asha --reduction-factor "$eta" \
    --json --export "$table" "$@")"
  echo "descent $method+asha eta=$eta: $out"
  budget="$(/usr/bin/python3 -c 'import json,sys; print(json.loads(sys.argv[1])["epochs"]["median"])' "$out")"
  echo "optuna  $method+asha eta=$eta: $(/usr/bin/python3 "$root/bench/optuna_replay.py" "$table" --sampler "$method" \
    --pruner asha --reduction-factor "$eta")"
  echo "optuna  $method+asha eta=$eta at descent's median epochs ($budget): $(/usr/bin/python3 \
    "$root/bench/optuna_replay.py" "$table" --sampler "$method" --pruner asha --reduction-factor "$eta" \
    --epochs-budget "$budget" --trials 1000)"
done
echo "table: $table"
