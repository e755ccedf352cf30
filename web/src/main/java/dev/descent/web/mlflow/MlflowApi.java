package dev.descent.web.mlflow;

import dev.descent.core.store.MlflowRecords;
import dev.descent.core.tracking.Workspace;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Handler;
import java.time.Clock;

/**
 * The MLflow 2.x tracking API under {@code /api/2.0/mlflow/}, registered on the dashboard server. Paths, methods
 * and field names are MLflow's; GET endpoints read the query string, POST endpoints a JSON body. Writes pass
 * the server's guard like every other write (off loopback they need the token, sent by MLflow clients as
 * {@code Authorization: Bearer} from {@code MLFLOW_TRACKING_TOKEN}).
 */
public final class MlflowApi {
  static final String BASE = "/api/2.0/mlflow/";
  private final ExperimentsEndpoints experiments;
  private final RunsEndpoints runs;
  private final LoggingEndpoints logging;
  private final MetricsEndpoints metrics;
  private final SearchRunsEndpoint searchRuns;
  private final ArtifactsProxy artifacts;

  public MlflowApi(Workspace ws, Clock clock) {
    MlflowRecords records = ws.store().mlflow();
    this.experiments = new ExperimentsEndpoints(records, clock);
    this.runs = new RunsEndpoints(ws.store(), records, clock);
    this.logging = new LoggingEndpoints(records, clock);
    this.metrics = new MetricsEndpoints(records);
    this.searchRuns = new SearchRunsEndpoint(ws.store(), ws.search(), records, clock);
    this.artifacts = new ArtifactsProxy(ws.artifacts().root().resolve("mlflow"));
  }

  /** Registers every endpoint; call before the server's catch-all for {@code /api/*}. */
  public void register(RoutesConfig r) {
    post(r, "experiments/create", experiments::create);
    get(r, "experiments/get", experiments::get);
    get(r, "experiments/get-by-name", experiments::getByName);
    post(r, "experiments/search", experiments::search);
    get(r, "experiments/search", experiments::search);
    post(r, "experiments/update", experiments::update);
    post(r, "experiments/delete", experiments::delete);
    post(r, "experiments/restore", experiments::restore);
    post(r, "experiments/set-experiment-tag", experiments::setTag);
    post(r, "runs/create", runs::create);
    get(r, "runs/get", runs::get);
    post(r, "runs/update", runs::update);
    post(r, "runs/delete", runs::delete);
    post(r, "runs/restore", runs::restore);
    post(r, "runs/search", searchRuns::search);
    post(r, "runs/log-metric", logging::logMetric);
    post(r, "runs/log-parameter", logging::logParam);
    post(r, "runs/set-tag", logging::setTag);
    post(r, "runs/delete-tag", logging::deleteTag);
    post(r, "runs/log-batch", logging::logBatch);
    post(r, "runs/log-inputs", logging::logInputs);
    get(r, "metrics/get-history", metrics::history);
    artifacts.register(r);
    r.get(BASE + "*", MlflowErrors::notServed);
    r.post(BASE + "*", MlflowErrors::notServed);
  }

  private static void post(RoutesConfig r, String path, Handler h) {
    r.post(BASE + path, MlflowErrors.wrap(h));
  }

  private static void get(RoutesConfig r, String path, Handler h) {
    r.get(BASE + path, MlflowErrors.wrap(h));
  }
}
