"""search-runs latency from a Python client shaped like MLflow's (stdlib http.client, keep-alive).

Against `descent serve --port PORT` on a store with the synthetic sweep of
`java -cp bench/target/descent-bench.jar dev.descent.bench.web.MlflowBench DIR 100000` (experiment
`synthetic-fashion`): a param and metric filter ordered by a metric, the filter varied per request. Prints
client and server (Server-Timing) p50 and p99.

    python3 bench/mlflow_search_runs.py PORT [SEARCHES=1000] [MAX_RESULTS=100]
"""
import http.client
import json
import statistics
import sys
import time

port = int(sys.argv[1])
searches = int(sys.argv[2]) if len(sys.argv) > 2 else 1000
max_results = int(sys.argv[3]) if len(sys.argv) > 3 else 100
c = http.client.HTTPConnection("127.0.0.1", port)
c.request("GET", "/api/2.0/mlflow/experiments/get-by-name?experiment_name=synthetic-fashion")
experiment = json.loads(c.getresponse().read())["experiment"]["experiment_id"]
optimizers = ["adam", "sgd", "rmsprop", "adagrad", "adadelta"]
walls, servers, returned = [], [], 0
for i in range(searches + 20):
    body = json.dumps({"experiment_ids": [experiment], "max_results": max_results, "run_view_type": "ACTIVE_ONLY",
                       "filter": "params.optimizer = '%s' AND metrics.val_accuracy > %s"
                                 % (optimizers[i % 5], 0.5 + (i % 7) * 0.05),
                       "order_by": ["metrics.val_accuracy DESC"]})
    t = time.perf_counter()
    c.request("POST", "/api/2.0/mlflow/runs/search", body=body, headers={"Content-Type": "application/json"})
    r = c.getresponse()
    out = r.read()
    if i >= 20:
        walls.append((time.perf_counter() - t) * 1000)
        servers.append(float(r.getheader("Server-Timing").replace("app;dur=", "")))
        returned += len(json.loads(out).get("runs", []))


def p99(xs):
    return sorted(xs)[int(len(xs) * 0.99) - 1]


print("search-runs, %d searches, max_results %d (%.0f runs returned on average): client p50 %.1f ms p99 %.1f ms;"
      " server p50 %.1f ms p99 %.1f ms" % (searches, max_results, returned / searches, statistics.median(walls),
                                           p99(walls), statistics.median(servers), p99(servers)))
