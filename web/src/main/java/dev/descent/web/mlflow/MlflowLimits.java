package dev.descent.web.mlflow;

import dev.descent.core.DescentException;
import dev.descent.core.ErrorCode;
import dev.descent.core.store.LoggedMetric;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * MLflow's limits on what is logged, checked before anything is written so a refused request changes nothing
 * (clients retry every failure three times). Every problem is collected, not only the first.
 */
final class MlflowLimits {
  static final int MAX_KEY = 250;
  static final int MAX_PARAM_VALUE = 6000;
  static final int MAX_TAG_VALUE = 5000;
  static final int MAX_BATCH_METRICS = 1000;
  static final int MAX_BATCH_PARAMS = 100;
  static final int MAX_BATCH_TAGS = 100;
  static final int MAX_BATCH_ENTRIES = 1000;

  private MlflowLimits() {}

  static void check(List<LoggedMetric> metrics, Map<String, String> params, Map<String, String> tags) {
    List<String> problems = new ArrayList<>();
    if (metrics.size() > MAX_BATCH_METRICS) {
      problems.add("A batch logging request can contain at most " + MAX_BATCH_METRICS + " metrics. Got "
          + metrics.size() + " metrics.");
    }
    if (params.size() > MAX_BATCH_PARAMS) {
      problems.add("A batch logging request can contain at most " + MAX_BATCH_PARAMS + " params. Got "
          + params.size() + " params.");
    }
    if (tags.size() > MAX_BATCH_TAGS) {
      problems.add("A batch logging request can contain at most " + MAX_BATCH_TAGS + " tags. Got " + tags.size()
          + " tags.");
    }
    if (metrics.size() + params.size() + tags.size() > MAX_BATCH_ENTRIES) {
      problems.add("A batch logging request can contain at most " + MAX_BATCH_ENTRIES + " metrics, params and tags"
          + " in total.");
    }
    metrics.forEach(m -> key("metric", m.key(), problems));
    params.forEach((k, v) -> {
      key("param", k, problems);
      value("param", k, v, MAX_PARAM_VALUE, problems);
    });
    tags.forEach((k, v) -> {
      key("tag", k, problems);
      value("tag", k, v, MAX_TAG_VALUE, problems);
    });
    if (!problems.isEmpty()) {
      throw new DescentException(ErrorCode.INVALID_INPUT, String.join("\n", problems));
    }
  }

  static void key(String what, String key, List<String> problems) {
    if (key == null || key.isEmpty()) {
      problems.add("Invalid " + what + " name: ''. Names may not be empty.");
    } else if (key.length() > MAX_KEY) {
      problems.add("Invalid " + what + " name: '" + key.substring(0, 20) + "...' has " + key.length()
          + " characters, at most " + MAX_KEY + " allowed.");
    } else if (key.startsWith("/") || key.contains("..") || key.contains("\u0000")) {
      problems.add("Invalid " + what + " name: '" + key + "'. Names may not start with '/', contain '..' or NUL.");
    }
  }

  private static void value(String what, String key, String value, int max, List<String> problems) {
    if (value != null && value.length() > max) {
      problems.add("Invalid value for " + what + " '" + key + "': " + value.length() + " characters, at most " + max
          + " allowed.");
    }
  }
}
