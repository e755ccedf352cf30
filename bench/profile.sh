#!/usr/bin/env bash
# Profiles descent's training step at batch 128 under Java Flight Recorder and prints where the time
# goes (gemm, element-wise ops, allocation, optimizer, batch gathering, other Java); see
# docs/benchmarks.md. Arguments are passed on: bench/profile.sh --epochs 4 --limit 20000 --profile-batch 32
# Keeps the recording in bench/target/descent-profile.jfr; re-aggregate one with bench/run.sh --analyze FILE.
exec "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/run.sh" --profile "$@"
