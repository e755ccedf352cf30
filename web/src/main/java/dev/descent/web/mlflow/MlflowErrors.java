package dev.descent.web.mlflow;

import dev.descent.core.DescentException;
import dev.descent.core.Json;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * MLflow's error body {@code {"error_code", "message"}} with MLflow's codes and statuses, for every endpoint of
 * this package: clients switch on them (the Java client's {@code getExperimentByName} on 404
 * {@code RESOURCE_DOES_NOT_EXIST}; every client retries 429 and 5xx, so a refusal must be a 4xx). Store
 * failures keep descent's 503/507, which clients retry, as they should.
 */
final class MlflowErrors {
  private static final Logger LOG = LoggerFactory.getLogger(MlflowErrors.class);

  private MlflowErrors() {}

  /** {@code handler} with its errors answered in MLflow's shape. */
  static Handler wrap(Handler handler) {
    return ctx -> {
      try {
        handler.handle(ctx);
      } catch (DescentException e) {
        switch (e.code()) {
          case NOT_FOUND -> send(ctx, 404, "RESOURCE_DOES_NOT_EXIST", e.getMessage());
          case INVALID_INPUT -> send(ctx, 400, "INVALID_PARAMETER_VALUE", e.getMessage());
          case ALREADY_EXISTS -> send(ctx, 400, "RESOURCE_ALREADY_EXISTS", e.getMessage());
          case STORE_FULL, STORE_READ_ONLY, STORE_UNAVAILABLE ->
              send(ctx, e.code().httpStatus(), "TEMPORARILY_UNAVAILABLE", e.getMessage());
          default -> {
            LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
            send(ctx, 500, "INTERNAL_ERROR", e.getMessage());
          }
        }
      }
    };
  }

  /** Any path under the API this server does not serve (the model registry, traces, ...). */
  static void notServed(Context ctx) {
    send(ctx, 404, "ENDPOINT_NOT_FOUND", "No MLflow endpoint " + ctx.method() + " " + ctx.path()
        + " on this server; descent serves the tracking API (experiments, runs, metrics, artifacts),"
        + " see docs/mlflow.md");
  }

  static void send(Context ctx, int status, String code, String message) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error_code", code);
    body.put("message", message);
    ctx.status(status).contentType("application/json").result(Json.write(body));
  }
}
