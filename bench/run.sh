#!/usr/bin/env bash
# Training benchmark: descent vs DL4J vs PyTorch on Fashion-MNIST (docs/benchmarks.md), with each BLAS's
# sgemm roof on the step's matrix products and each framework's share of it.
#   bench/run.sh [--epochs 3] [--batches 32,128,512] [--only descent,dl4j,pytorch,pytorch-gather] [--limit N]
#                [--torch-blas system|openblas] [--verbose]
# pytorch is PyTorch's efficient loop (one shuffle per epoch, contiguous slices); pytorch-gather the naive one.
#   bench/run.sh --profile            # where descent's step spends its time (JFR), also bench/profile.sh
# Builds bench/target/descent-bench.jar offline when it is missing or older than the bench sources,
# then runs it through bin/java-blas. The caller's environment wins: OPENBLAS_CORETYPE=SkylakeX
# bench/run.sh uses SkylakeX kernels; unset, bin/java-blas picks them from /proc/cpuinfo; OMP_NUM_THREADS
# defaults to 1. Extra JVM options: BENCH_JAVA_OPTS (default -Xmx4g).
set -euo pipefail
bench="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$bench")"
jar="$bench/target/descent-bench.jar"
if [ ! -f "$jar" ] || [ -n "$(find "$bench/src" "$bench/pom.xml" -newer "$jar" -print -quit)" ]; then
  echo "bench: building $jar ..." >&2
  (cd "$root" && mvn -o -q -B -pl bench package -DskipTests -Djavacpp.platform=linux-x86_64 >&2)
fi
cd "$root"
exec "$root/bin/java-blas" ${BENCH_JAVA_OPTS:--Xmx4g} -XX:FlightRecorderOptions:stackdepth=128 \
  -Djavacpp.platform=linux-x86_64 -Dbench.dir="$bench" -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -jar "$jar" "$@"
