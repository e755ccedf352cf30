package dev.descent.web;

import dev.descent.core.DescentException;
import dev.descent.core.Json;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place errors become HTTP: a {@link DescentException}'s code decides the status, and every error
 * body has the same shape, {@code {"error_code": ..., "message": ...}}, so clients handle them one way.
 */
final class ApiErrors {
  private static final Logger LOG = LoggerFactory.getLogger(ApiErrors.class);

  private ApiErrors() {}

  /** Registered after every endpoint: an /api path that matched none gets a JSON 404, not Javalin's text. */
  static void register(RoutesConfig routes) {
    Handler none = ctx -> send(ctx, 404, "NOT_FOUND", "No API endpoint " + ctx.method() + " " + ctx.path()
        + "; the endpoints are listed in docs/api.md");
    routes.get("/api/*", none);
    routes.post("/api/*", none);
    routes.put("/api/*", none);
    routes.delete("/api/*", none);
    routes.exception(DescentException.class, (e, ctx) ->
        send(ctx, e.code().httpStatus(), e.code().name(), e.getMessage()));
    routes.exception(Exception.class, (e, ctx) -> {
      LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
      send(ctx, 500, "INTERNAL", "Internal error: " + e.getClass().getSimpleName() + " (see the server log)");
    });
  }

  static void send(Context ctx, int status, String code, String message) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error_code", code);
    body.put("message", message);
    ctx.status(status).contentType("application/json").result(Json.write(body));
  }
}
