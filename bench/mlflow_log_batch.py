"""log-batch throughput as the Python MLflow client sends it, with the standard library only.

One HTTP/1.1 keep-alive connection (as requests uses), batches of 1,000 metric points with int64 fields as
JSON numbers, bodies serialised before timing. Prints the wall time per batch and the server's own time
(its Server-Timing header), p50 over the last two thirds of the batches (the first third warms the JIT).

    python3 bench/mlflow_log_batch.py PORT [BATCHES=600]

against a running `descent serve --port PORT`.
"""
import http.client
import json
import statistics
import sys
import time

port = int(sys.argv[1])
batches = int(sys.argv[2]) if len(sys.argv) > 2 else 600
c = http.client.HTTPConnection("127.0.0.1", port)


def post(path, body):
    c.request("POST", "/api/2.0/mlflow/" + path, body=body, headers={"Content-Type": "application/json"})
    r = c.getresponse()
    out = r.read()
    assert r.status == 200, (r.status, out[:300])
    return out, float(r.getheader("Server-Timing").replace("app;dur=", ""))


run = json.loads(post("runs/create", json.dumps({"experiment_id": "0", "run_name": "log-batch-bench"}))[0])
run = run["run"]["info"]["run_id"]
bodies = [json.dumps({"run_id": run, "metrics": [
    {"key": "loss", "value": 1.0 / (b * 1000 + i + 1), "timestamp": 1700000000000 + b * 1000 + i,
     "step": b * 1000 + i} for i in range(1000)], "params": [], "tags": []}) for b in range(batches)]
walls, servers = [], []
for body in bodies:
    t = time.perf_counter()
    _, server = post("runs/log-batch", body)
    walls.append((time.perf_counter() - t) * 1000)
    servers.append(server)
w, s = walls[batches // 3:], servers[batches // 3:]
print("log-batch, %d batches of 1,000 points: %.0f points/s; wall p50 %.2f ms, server p50 %.2f ms per batch"
      % (len(w), len(w) * 1000 / (sum(w) / 1000), statistics.median(w), statistics.median(s)))
