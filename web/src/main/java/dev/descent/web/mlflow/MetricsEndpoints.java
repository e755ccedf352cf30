package dev.descent.web.mlflow;

import dev.descent.core.store.LoggedMetric;
import dev.descent.core.store.MlflowRecords;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code metrics/get-history}: every point of one metric, by step and timestamp, repeats included. Without
 * {@code max_results} the whole history comes back in one response, as MLflow's server does (the Java client
 * never pages); with it, pages and a {@code next_page_token}.
 */
final class MetricsEndpoints {
  private final MlflowRecords records;

  MetricsEndpoints(MlflowRecords records) {
    this.records = records;
  }

  void history(Context ctx) {
    MlflowRequest r = MlflowRequest.of(ctx);
    String runId = r.runId();
    String key = r.required("metric_key");
    Long max = r.int64("max_results");
    if (max != null && (max < 1 || max > Integer.MAX_VALUE - 1)) {
      throw MlflowRequest.invalid("Invalid value " + max + " for parameter 'max_results' supplied.");
    }
    int offset = PageToken.offset(r.string("page_token"));
    int limit = max == null ? Integer.MAX_VALUE - 1 : (int) (long) max;
    // one more than asked: whether there is a next page, without counting
    List<LoggedMetric> points = records.history(runId, key, offset, limit == Integer.MAX_VALUE - 1 ? limit : limit + 1);
    List<Map<String, Object>> out = new ArrayList<>(Math.min(points.size(), limit));
    for (int i = 0; i < Math.min(points.size(), limit); i++) {
      out.add(MlflowViews.metric(points.get(i)));
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("metrics", out);
    if (points.size() > limit) {
      body.put("next_page_token", PageToken.next(offset + limit));
    }
    MlflowJson.send(ctx, body);
  }
}
