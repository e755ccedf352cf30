#!/usr/bin/env bash
# One sweep on many workers with a plain shell loop (docs/distributed.md). Tested by
# cli/src/test/java/dev/descent/cli/DistributedSweepTest.java, which runs this file as it is.
#
#   DESCENT_STORE   the shared PostgreSQL store: postgresql://host:5432/db?user=..&password=..
#   GRID            the sweep file; only this machine needs it: the workers read the cells from the store
#   WORKERS         how many workers to start on this machine (default 8)
#   HOSTS           instead: ssh hosts to start one worker on each
#   DESCENT_PLUGINS a plugin directory every worker can read, if the sweep uses plugin jars
set -euo pipefail
: "${DESCENT_STORE:?set DESCENT_STORE to the shared postgresql:// store}"
: "${GRID:?set GRID to the sweep file}"
WORKERS="${WORKERS:-8}"
HOSTS="${HOSTS:-}"

# 1. Enter the sweep in the store (checked as `descent run` checks it; nothing is trained here). To have this
#    machine work on it too, run `descent run "$GRID" --store "$DESCENT_STORE"` instead, in the background.
descent sweeps submit "$GRID" --store "$DESCENT_STORE" > submit.log 2>&1
pids=()

# 2. Start the workers. Each needs only the store's address; --idle-exit lets one that starts first wait for the
#    sweep to appear. With HOSTS, one worker per host over ssh (descent installed there, the same plugins);
#    else WORKERS here, each in its own directory with its own host identity, as separate machines would be.
if [ -n "$HOSTS" ]; then
  for host in $HOSTS; do
    ssh "$host" "DESCENT_STORE='$DESCENT_STORE' descent worker --idle-exit 20s" > "worker-$host.log" 2>&1 &
    pids+=($!)
  done
else
  for i in $(seq 1 "$WORKERS"); do
    mkdir -p "worker-$i"
    (cd "worker-$i" && DESCENT_HOST_ID="worker-$i" descent worker --store "$DESCENT_STORE" --index index \
        --workers 1 --idle-exit 20s > worker.log 2>&1) &
    pids+=($!)
  done
fi

# 3. Wait for all; fail if any failed.
status=0
for pid in "${pids[@]}"; do
  wait "$pid" || status=1
done
exit $status
