package dev.descent.web.mlflow;

import com.fasterxml.jackson.databind.JsonNode;
import dev.descent.core.DescentException;
import dev.descent.core.ErrorCode;
import dev.descent.core.store.MlflowExperiment;
import dev.descent.core.store.MlflowRecords;
import io.javalin.http.Context;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code experiments/...}: create, get, get-by-name, search, update (rename), delete, restore and
 * set-experiment-tag. An MLflow experiment is a descent experiment (a name runs carry); every descent experiment
 * gets an MLflow id when first listed. Experiments are few, so search filters them in memory.
 */
final class ExperimentsEndpoints {
  static final int MAX_RESULTS = 50_000;
  private final MlflowRecords records;
  private final Clock clock;

  ExperimentsEndpoints(MlflowRecords records, Clock clock) {
    this.records = records;
    this.clock = clock;
  }

  void create(Context ctx) {
    MlflowRequest r = MlflowRequest.of(ctx);
    String name = r.required("name");
    if (name.isBlank()) {
      throw MlflowRequest.invalid("Invalid experiment name: '" + name + "'");
    }
    Map<String, String> tags = new TreeMap<>();
    for (JsonNode t : r.array("tags")) {
      MlflowRequest tag = MlflowRequest.of(t);
      tags.put(tag.required("key"), tag.string("value") == null ? "" : tag.string("value"));
    }
    long id = records.createExperiment(name, r.string("artifact_location"), tags, clock.instant());
    MlflowJson.send(ctx, Map.of("experiment_id", Long.toString(id)));
  }

  void get(Context ctx) {
    MlflowJson.send(ctx, Map.of("experiment", MlflowViews.experiment(require(MlflowRequest.of(ctx)
        .required("experiment_id")))));
  }

  void getByName(Context ctx) {
    String name = MlflowRequest.of(ctx).required("experiment_name");
    MlflowExperiment e = records.experimentByName(name, clock.instant()).orElseThrow(() ->
        new DescentException(ErrorCode.NOT_FOUND, "Could not find experiment with name '" + name + "'"));
    MlflowJson.send(ctx, Map.of("experiment", MlflowViews.experiment(e)));
  }

  void update(Context ctx) {
    MlflowRequest r = MlflowRequest.of(ctx);
    MlflowExperiment e = require(r.required("experiment_id"));
    String name = r.string("new_name");
    if (name != null && !name.isBlank()) {
      records.renameExperiment(e.id(), name, clock.instant());
    }
    MlflowJson.empty(ctx);
  }

  void delete(Context ctx) {
    MlflowExperiment e = require(MlflowRequest.of(ctx).required("experiment_id"));
    if (e.id() == 0) {
      throw MlflowRequest.invalid("Cannot delete the default experiment '0'. This is an internally reserved"
          + " experiment.");
    }
    records.setExperimentLifecycle(e.id(), "deleted", clock.instant());
    MlflowJson.empty(ctx);
  }

  void restore(Context ctx) {
    records.setExperimentLifecycle(require(MlflowRequest.of(ctx).required("experiment_id")).id(), "active",
        clock.instant());
    MlflowJson.empty(ctx);
  }

  void setTag(Context ctx) {
    MlflowRequest r = MlflowRequest.of(ctx);
    MlflowExperiment e = require(r.required("experiment_id"));
    String key = r.required("key");
    List<String> problems = new ArrayList<>();
    MlflowLimits.key("tag", key, problems);
    if (!problems.isEmpty()) {
      throw MlflowRequest.invalid(problems.get(0));
    }
    records.setExperimentTag(e.id(), key, r.string("value") == null ? "" : r.string("value"), clock.instant());
    MlflowJson.empty(ctx);
  }

  void search(Context ctx) {
    MlflowRequest r = MlflowRequest.of(ctx);
    long max = r.int64("max_results", 1000);
    if (max < 1 || max > MAX_RESULTS) {
      throw MlflowRequest.invalid("Invalid value " + max + " for parameter 'max_results' supplied. It must be at"
          + " most " + MAX_RESULTS);
    }
    List<FilterParser.Clause> clauses = FilterParser.parse(r.string("filter"));
    String view = r.string("view_type");
    List<MlflowExperiment> found = new ArrayList<>();
    for (MlflowExperiment e : records.experiments(clock.instant())) {
      if (visible(e, view) && clauses.stream().allMatch(c -> matches(e, c))) {
        found.add(e);
      }
    }
    found.sort(order(r.strings("order_by")));
    int offset = PageToken.offset(r.string("page_token"));
    List<Map<String, Object>> page = new ArrayList<>();
    for (int i = offset; i < Math.min(found.size(), offset + max); i++) {
      page.add(MlflowViews.experiment(found.get(i)));
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("experiments", page);
    if (offset + max < found.size()) {
      body.put("next_page_token", PageToken.next((int) (offset + max)));
    }
    MlflowJson.send(ctx, body);
  }

  private MlflowExperiment require(String id) {
    try {
      return records.experiment(Long.parseLong(id.trim())).orElseThrow(() -> missing(id));
    } catch (NumberFormatException e) {
      throw missing(id);
    }
  }

  static DescentException missing(String id) {
    return new DescentException(ErrorCode.NOT_FOUND, "No Experiment with id=" + id + " exists");
  }

  private static boolean visible(MlflowExperiment e, String view) {
    return switch (view == null ? "ACTIVE_ONLY" : view) {
      case "DELETED_ONLY", "2" -> e.lifecycle().equals("deleted");
      case "ALL", "3" -> true;
      default -> e.lifecycle().equals("active");
    };
  }

  private static boolean matches(MlflowExperiment e, FilterParser.Clause c) {
    String actual = switch (c.entity()) {
      case TAG -> e.tags().get(c.key());
      case ATTRIBUTE -> switch (c.key()) {
        case "name" -> e.name();
        case "experiment_id" -> Long.toString(e.id());
        case "creation_time" -> Long.toString(e.creationTime());
        case "last_update_time" -> Long.toString(e.lastUpdateTime());
        default -> throw MlflowRequest.invalid("Invalid attribute key '" + c.key() + "' specified. Valid keys are"
            + " ['name', 'creation_time', 'last_update_time']");
      };
      default -> throw MlflowRequest.invalid("Invalid entity type for experiments: only attributes and tags");
    };
    if (actual == null) {
      return false;
    }
    String v = c.value();
    return switch (c.op()) {
      case "=" -> actual.equals(v);
      case "!=" -> !actual.equals(v);
      case "LIKE" -> LikePattern.java(v, false).matcher(actual).matches();
      case "ILIKE" -> LikePattern.java(v, true).matcher(actual).matches();
      case "<", "<=", ">", ">=" -> compare(actual, v, c.op());
      default -> throw MlflowRequest.invalid("Invalid comparator '" + c.op() + "' for experiments");
    };
  }

  private static boolean compare(String actual, String value, String op) {
    int cmp;
    try {
      cmp = Long.compare(Long.parseLong(actual), Long.parseLong(value));
    } catch (NumberFormatException e) {
      throw MlflowRequest.invalid("Expected an integer for comparison with " + op + ", got '" + value + "'");
    }
    return switch (op) {
      case "<" -> cmp < 0;
      case "<=" -> cmp <= 0;
      case ">" -> cmp > 0;
      default -> cmp >= 0;
    };
  }

  /** MLflow's default: newest created first, then id; {@code order_by} entries come before that. */
  private static Comparator<MlflowExperiment> order(List<String> orderBy) {
    Comparator<MlflowExperiment> out = null;
    for (String spec : orderBy) {
      String[] words = spec.trim().split("\\s+");
      boolean desc = words.length > 1 && words[words.length - 1].equalsIgnoreCase("DESC");
      String column = words[0].replaceFirst("^(attributes?|attr)\\.", "").toLowerCase(Locale.ROOT);
      Comparator<MlflowExperiment> c = switch (column) {
        case "name" -> Comparator.comparing(MlflowExperiment::name);
        case "experiment_id" -> Comparator.comparingLong(MlflowExperiment::id);
        case "creation_time" -> Comparator.comparingLong(MlflowExperiment::creationTime);
        case "last_update_time" -> Comparator.comparingLong(MlflowExperiment::lastUpdateTime);
        default -> throw MlflowRequest.invalid("Invalid order_by clause '" + spec + "'. Valid columns: name,"
            + " experiment_id, creation_time, last_update_time");
      };
      c = desc ? c.reversed() : c;
      out = out == null ? c : out.thenComparing(c);
    }
    Comparator<MlflowExperiment> fallback = Comparator.comparingLong(MlflowExperiment::creationTime).reversed()
        .thenComparingLong(MlflowExperiment::id);
    return out == null ? fallback : out.thenComparing(fallback);
  }
}
