package dev.descent.core.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.descent.core.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * How the JSON columns are written and read back. Integers come back as {@code Long} (as
 * {@link NewRun} promises for params), and non-finite numbers, which JSON lacks, as {@code null}
 * on disk and {@code NaN} in summaries and test metrics: a diverged run's loss is NaN.
 */
final class Codec {
  private static final ObjectReader READER = Json.mapper().reader()
      .with(DeserializationFeature.USE_LONG_FOR_INTS);
  private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {};
  private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};
  private static final TypeReference<TreeMap<String, List<Double>>> SUMMARIES = new TypeReference<>() {};
  private static final TypeReference<TreeMap<String, Double>> DOUBLES = new TypeReference<>() {};

  private Codec() {}

  static String map(Map<String, ?> value) {
    return Json.write(value == null ? Map.of() : value);
  }

  static Map<String, Object> map(String json) {
    return read(json, MAP);
  }

  static String tags(SortedSet<String> tags) {
    return Json.write(new ArrayList<>(tags));
  }

  static SortedSet<String> tags(String json) {
    return new TreeSet<>(read(json, STRINGS));
  }

  static String strings(List<String> values) {
    return Json.write(values);
  }

  static List<String> strings(String json) {
    return read(json, STRINGS);
  }

  static String test(Map<String, Double> test) {
    return Json.write(test == null ? Map.of() : new TreeMap<>(test));
  }

  static Map<String, Double> test(String json) {
    Map<String, Double> out = new TreeMap<>();
    read(json, DOUBLES).forEach((k, v) -> out.put(k, v == null ? Double.NaN : v));
    return out;
  }

  /** Summaries as {@code {key: [last, min, max, bestEpoch, lastEpoch]}}: compact, they are in every row. */
  static String summaries(Map<String, MetricSummary> summaries) {
    Map<String, List<Double>> out = new TreeMap<>();
    summaries.forEach((k, s) -> out.put(k, List.of(s.last(), s.min(), s.max(), (double) s.bestEpoch(),
        (double) s.lastEpoch())));
    return Json.write(out);
  }

  static Map<String, MetricSummary> summaries(String json) {
    Map<String, MetricSummary> out = new TreeMap<>();
    read(json, SUMMARIES).forEach((k, a) -> out.put(k, new MetricSummary(nan(a.get(0)), nan(a.get(1)),
        nan(a.get(2)), a.get(3).intValue(), a.get(4).intValue())));
    return out;
  }

  private static double nan(Double d) {
    return d == null ? Double.NaN : d;
  }

  private static <T> T read(String json, TypeReference<T> type) {
    try {
      return READER.forType(type).readValue(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("run store holds unreadable JSON: " + json, e);
    }
  }
}
