package dev.descent.web.mlflow;

import dev.descent.core.Json;
import io.javalin.http.Context;
import java.util.Map;

/** Successful MLflow responses: a JSON object, {@code {}} for calls that return nothing. */
final class MlflowJson {
  private MlflowJson() {}

  static void send(Context ctx, Map<String, ?> body) {
    ctx.contentType("application/json").result(Json.write(body));
  }

  static void empty(Context ctx) {
    ctx.contentType("application/json").result("{}");
  }
}
