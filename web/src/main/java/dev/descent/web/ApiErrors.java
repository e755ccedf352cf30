package dev.descent.web;

import dev.descent.core.DescentException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HttpResponseException;
import java.util.Map;
import org.eclipse.jetty.http.HttpException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place endpoint errors become HTTP: a {@link DescentException}'s code decides the status, and every error
 * body has the shape of {@link ErrorBody}, {@code {"error_code", "message", "details"}}, the same as the errors
 * Jetty and the {@link Guard} write, so clients handle them one way.
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
    routes.exception(HttpResponseException.class, (e, ctx) ->
        send(ctx, e.getStatus(), ErrorBody.code(e.getStatus()), e.getMessage()));
    routes.exception(Exception.class, (e, ctx) -> {
      HttpException http = jettyCause(e);
      if (http != null && http.getCode() < 500) {
        send(ctx, http.getCode(), ErrorBody.code(http.getCode()), http.getCode() == 413
            ? "Request body too large: at most " + WebServer.MAX_BODY_BYTES + " bytes are accepted"
            : String.valueOf(http.getReason()));
        return;
      }
      LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
      send(ctx, 500, "INTERNAL", "Internal error: " + e.getClass().getSimpleName() + " (see the server log)");
    });
  }

  /** Jetty's refusal (a body over the size limit, found while reading it) behind a read error, or null. */
  private static HttpException jettyCause(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof HttpException h) {
        return h;
      }
    }
    return null;
  }

  static void send(Context ctx, int status, String code, String message) {
    ctx.status(status).contentType("application/json").result(ErrorBody.json(code, message, Map.of()));
  }
}
