package dev.descent.web.mlflow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.javalin.http.Context;
import java.util.Map;

/**
 * The MLflow API's JSON: one mapper with Jackson's fast double parser and writer (a log-batch is mostly doubles,
 * a 100,000-point history too, and the JDK's conversions were the largest cost in both), and the successful
 * responses, {@code {}} for calls that return nothing. Non-finite values never reach it as doubles: views write
 * them as MLflow's strings ({@link MlflowViews#number}).
 */
final class MlflowJson {
  static final ObjectMapper MAPPER = JsonMapper.builder()
      .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
      .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
      .build();

  private MlflowJson() {}

  static void send(Context ctx, Map<String, ?> body) {
    try {
      ctx.contentType("application/json").result(MAPPER.writeValueAsBytes(body));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON", e);
    }
  }

  static void empty(Context ctx) {
    ctx.contentType("application/json").result("{}");
  }
}
