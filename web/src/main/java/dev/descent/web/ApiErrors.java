package dev.descent.web;

import dev.descent.core.DescentException;
import dev.descent.core.Json;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
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

  static void register(RoutesConfig routes) {
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
