#!/usr/bin/env bash
# One sweep on a Slurm cluster: a job array whose tasks are `descent worker`s (docs/distributed.md).
# Not run here (no Slurm on the machine it was written on); DistributedRecipesTest checks its syntax.
#
# Enter the sweep once, from a login node (it works on the sweep too until the array drains it, or ^C it:
# the cells it had are run again by the workers):
#   descent run experiments/grid.yaml --store "$DESCENT_STORE" --workers 1
# then submit, with the store's address in the environment (sbatch passes it on):
#   export DESCENT_STORE='postgresql://db.cluster:5432/descent?user=descent'   # password in ~/.pgpass
#   export DESCENT_PLUGINS=/shared/descent/plugins     # only if the sweep uses plugin jars: the same builds
#   sbatch --array=0-15 docs/distributed/slurm-array.sh
#
# What every task needs:
#   DESCENT_STORE    the shared PostgreSQL store, reachable from the compute nodes
#   DESCENT_PLUGINS  a plugin directory on a shared file system, if the sweep uses plugins
#   the dataset      at the path the sweep recorded, on a shared file system (generated ones such as moons
#                    need nothing)
#   descent          DESCENT_HOME: a checkout with cli/target/descent.jar built, on a shared file system
#
#SBATCH --job-name=descent-worker
#SBATCH --cpus-per-task=4
#SBATCH --mem=8G
#SBATCH --time=04:00:00
#SBATCH --signal=TERM@60
#SBATCH --output=descent-worker-%A_%a.log
set -euo pipefail
: "${DESCENT_STORE:?export DESCENT_STORE=postgresql://... before sbatch}"
DESCENT_HOME="${DESCENT_HOME:-$HOME/descent}"

# Each task is its own identity: tasks sharing a node share /etc/machine-id and see each other's pids.
export DESCENT_HOST_ID="slurm-${SLURM_ARRAY_JOB_ID:-0}-${SLURM_ARRAY_TASK_ID:-0}"
# The search index is per process; keep it on node-local scratch.
index="${TMPDIR:-/tmp}/descent-index-$DESCENT_HOST_ID"

# Slurm sends SIGTERM at the time limit (and 60 s before it with --signal): the worker claims nothing more,
# records its running cells as stopped (another worker runs them again) and exits 0. exec, so the signal
# reaches java itself.
exec "$DESCENT_HOME/bin/java-blas" ${DESCENT_JAVA_OPTS:--Xmx6g} -Djavacpp.platform=linux-x86_64 \
  -jar "$DESCENT_HOME/cli/target/descent.jar" worker --store "$DESCENT_STORE" --index "$index" \
  --workers "${SLURM_CPUS_PER_TASK:-1}" --idle-exit 60s
