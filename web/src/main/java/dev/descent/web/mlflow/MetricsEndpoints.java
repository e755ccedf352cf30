package dev.descent.web.mlflow;

import dev.descent.core.store.LoggedMetric;
import dev.descent.core.store.MlflowRecords;
import com.fasterxml.jackson.core.JsonGenerator;
import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

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

  /**
   * Written with Jackson's streaming generator rather than as maps: a 100,000-point history is 9 MB of JSON, and
   * building a map per point first took longer than reading the points.
   */
  static byte[] json(List<LoggedMetric> points, String nextPageToken) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(64 + points.size() * 90);
    try (JsonGenerator g = MlflowJson.MAPPER.getFactory().createGenerator(out)) {
      g.writeStartObject();
      g.writeArrayFieldStart("metrics");
      for (LoggedMetric m : points) {
        g.writeStartObject();
        g.writeStringField("key", m.key());
        if (Double.isFinite(m.value())) {
          g.writeNumberField("value", m.value());
        } else {
          g.writeStringField("value", (String) MlflowViews.number(m.value()));
        }
        g.writeNumberField("timestamp", m.timestamp());
        g.writeNumberField("step", m.step());
        g.writeEndObject();
      }
      g.writeEndArray();
      if (nextPageToken != null) {
        g.writeStringField("next_page_token", nextPageToken);
      }
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
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
    // not gzipped, as MLflow's own server does not: Python's requests asks for gzip, and compressing a
    // 100,000-point history (9 MB) took longer than reading and writing it (263 vs 115 ms p50 on loopback)
    ctx.disableCompression();
    ctx.contentType("application/json").result(json(points.subList(0, Math.min(points.size(), limit)),
        points.size() > limit ? PageToken.next(offset + limit) : null));
  }
}
