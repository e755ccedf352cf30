package dev.descent.core.sweep;

import dev.descent.core.experiment.ConfigNode;
import dev.descent.core.experiment.Problems;
import dev.descent.core.plugin.PluginRegistry;
import dev.descent.spi.PluginKind;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.TreeSet;

/**
 * Reads the {@code grid:} and {@code seeds:} sections into axes, checking what can be checked without
 * building a cell: the shape of each axis, the first-class values (a learning rate &gt; 0, a known
 * optimizer), duplicates. A value found bad here is remembered in {@link #badValues} so the problems its
 * cells raise in the experiment parser are not reported a second time.
 */
final class GridReader {
  /** Top-level sections a dotted axis may point into. */
  private static final Set<String> ROOTS = Set.of("name", "dataset", "model", "training");
  private static final int MAX_SEEDS = 1000;
  private final PluginRegistry plugins;
  private final Problems problems;
  private final Set<String> badValues = new HashSet<>();

  GridReader(PluginRegistry plugins, Problems problems) {
    this.plugins = plugins;
    this.problems = problems;
  }

  /** Paths of values already reported ({@code grid.learning_rate[2]}). */
  Set<String> badValues() {
    return badValues;
  }

  /** The grid's axes, optimizer first then in file order, and last the seeds if the file has them. */
  List<Axis> read(Map<String, Object> doc) {
    List<Axis> axes = new ArrayList<>();
    Object grid = doc.get("grid");
    if (grid instanceof Map<?, ?> m && m.isEmpty()) {
      problems.add("grid", "has no axes; add one such as learning_rate: [0.001, 0.01], or remove the section");
    } else if (grid instanceof Map<?, ?> m) {
      Object optimizer = m.get("optimizer");
      if (optimizer != null) {
        addIfValid(axes, axis("optimizer", optimizer));
      }
      m.forEach((k, v) -> {
        if (!"optimizer".equals(k)) {
          addIfValid(axes, axis(String.valueOf(k), v));
        }
      });
    } else if (grid != null) {
      problems.add("grid", "was " + ConfigNode.describe(grid) + ", must be a mapping from axis to a list of values, e.g. "
          + "{optimizer: [sgd, adam], learning_rate: [0.001, 0.01]}");
    }
    if (doc.get("seeds") != null) {
      addIfValid(axes, seeds(doc.get("seeds"), doc.get("training")));
    }
    return axes;
  }

  private static void addIfValid(List<Axis> axes, Axis axis) {
    if (axis != null) {
      axes.add(axis);
    }
  }

  private Axis axis(String name, Object raw) {
    String path = "grid." + name;
    Axis.Kind kind = kindOf(name);
    ConfigPath target = kind == Axis.Kind.PATH ? ConfigPath.parse(name) : null;
    if (kind == Axis.Kind.PATH && (target == null || !ROOTS.contains(target.root()))) {
      problems.add(path, target == null || !name.contains(".") && !name.contains("[")
          ? "unknown axis; an axis is optimizer, learning_rate, batch_size, dropout or a dotted path into the "
              + "file such as model.layers[0].units or training.optimizer.momentum"
          : "a dotted axis must point into " + String.join(", ", new TreeSet<>(ROOTS)));
      return null;
    }
    if (!(raw instanceof List<?> list) || list.isEmpty()) {
      problems.add(path, "was " + ConfigNode.describe(raw) + ", must be a non-empty list of values, e.g. [" + example(kind) + "]");
      return null;
    }
    return values(name, kind, path, list, target);
  }

  /** The axis of checked values; a bad or repeated one is reported and remembered in {@link #badValues}. */
  private Axis values(String name, Axis.Kind kind, String path, List<?> list, ConfigPath target) {
    List<Object> values = new ArrayList<>();
    List<Object> labels = new ArrayList<>();
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; i < list.size(); i++) {
      String at = path + "[" + i + "]";
      Object value = list.get(i);
      String error = value == null ? "was empty, must be a value" : check(kind, value);
      Object label = value == null ? "" : label(kind, value);
      Integer previous = seen.putIfAbsent(CanonicalJson.of(value instanceof Map || error != null ? value : label), i);
      if (error == null && previous != null) {
        error = "repeats " + path + "[" + previous + "] (" + label + "); list each value once";
      }
      if (error != null) {
        problems.add(at, error);
        badValues.add(at);
      }
      values.add(value == null ? "" : value);
      labels.add(label);
    }
    return new Axis(name, kind, path, true, values, labels, target);
  }

  private static Axis.Kind kindOf(String name) {
    return switch (name) {
      case "optimizer" -> Axis.Kind.OPTIMIZER;
      case "learning_rate" -> Axis.Kind.LEARNING_RATE;
      case "batch_size" -> Axis.Kind.BATCH_SIZE;
      case "dropout" -> Axis.Kind.DROPOUT;
      default -> Axis.Kind.PATH;
    };
  }

  /** Why a first-class value is wrong, or null; dotted values are left to the experiment parser. */
  private String check(Axis.Kind kind, Object value) {
    Double d = number(value);
    return switch (kind) {
      case LEARNING_RATE -> d == null || !(d > 0) || d.isInfinite()
          ? "was " + ConfigNode.describe(value) + ", must be > 0" : null;
      case BATCH_SIZE -> d == null || d < 1 || d != Math.rint(d) || d > 1_000_000
          ? "was " + ConfigNode.describe(value) + ", must be an integer in [1, 1000000]" : null;
      case DROPOUT -> d == null || !(d >= 0 && d < 1) ? "was " + ConfigNode.describe(value) + ", must be a number in [0, 1)" : null;
      case OPTIMIZER -> checkOptimizer(value);
      default -> null;
    };
  }

  private String checkOptimizer(Object value) {
    Object name = value instanceof Map<?, ?> m ? m.get("name") : value;
    if (!(name instanceof String s)) {
      return "was " + ConfigNode.describe(value) + ", must be an optimizer name or a mapping with 'name' and its parameters, "
          + "e.g. {name: sgd, momentum: 0.9}";
    }
    if (!plugins.has(PluginKind.OPTIMIZER, s)) {
      return "unknown optimizer " + ConfigNode.quote(s) + "; available: " + String.join(", ", plugins.names(PluginKind.OPTIMIZER));
    }
    return null;
  }

  /** How a value shows in the table: numbers as numbers, an optimizer as {@code sgd(momentum=0.9)}. */
  static Object label(Axis.Kind kind, Object value) {
    Double d = number(value);
    return switch (kind) {
      case OPTIMIZER -> value instanceof Map<?, ?> m ? optimizerLabel(m) : value;
      case LEARNING_RATE, DROPOUT -> d == null ? value : d;
      case BATCH_SIZE -> d == null ? value : (Object) d.longValue();
      default -> value instanceof Integer || value instanceof Long ? (Object) ((Number) value).longValue() : value;
    };
  }

  private static String optimizerLabel(Map<?, ?> m) {
    StringJoiner params = new StringJoiner(", ", "(", ")").setEmptyValue("");
    m.forEach((k, v) -> {
      if (!"name".equals(k)) {
        params.add(k + "=" + (v instanceof Number n ? plain(n) : v));
      }
    });
    return m.get("name") + params.toString();
  }

  private Axis seeds(Object raw, Object training) {
    List<Object> seeds = new ArrayList<>();
    if (raw instanceof List<?> list && !list.isEmpty()) {
      Set<Long> seen = new HashSet<>();
      for (int i = 0; i < list.size(); i++) {
        Double d = number(list.get(i));
        if (d == null || d < 0 || d > Integer.MAX_VALUE || d != Math.rint(d) || list.get(i) instanceof String) {
          problems.add("seeds[" + i + "]", "was " + ConfigNode.describe(list.get(i)) + ", must be an integer in [0, 2147483647]");
        } else if (!seen.add(d.longValue())) {
          problems.add("seeds[" + i + "]", "repeats seed " + d.longValue() + "; list each seed once");
        } else {
          seeds.add(d.longValue());
        }
      }
      return seeds.size() == list.size() ? new Axis("seeds", Axis.Kind.SEED, "seeds", true, seeds, seeds, null) : null;
    }
    Double n = raw instanceof Number ? number(raw) : null;
    if (n == null || n < 1 || n > MAX_SEEDS || n != Math.rint(n)) {
      problems.add("seeds", "was " + ConfigNode.describe(raw) + ", must be a non-empty list of seeds such as [1, 2, 3] or a "
          + "count in [1, " + MAX_SEEDS + "] (n means training.seed, training.seed + 1, ... n seeds)");
      return null;
    }
    Object base = training instanceof Map<?, ?> t ? t.get("seed") : null;
    long first = base instanceof Integer || base instanceof Long ? ((Number) base).longValue() : 0;
    for (long s = first; s < first + n.longValue(); s++) {
      seeds.add(s);
    }
    return new Axis("seeds", Axis.Kind.SEED, "seeds", false, seeds, seeds, null);
  }

  private static String example(Axis.Kind kind) {
    return switch (kind) {
      case OPTIMIZER -> "sgd, adam, {name: sgd, momentum: 0.9}";
      case LEARNING_RATE -> "0.001, 0.01, 0.1";
      case BATCH_SIZE -> "32, 128";
      case DROPOUT -> "0.0, 0.2";
      default -> "value1, value2";
    };
  }

  /** A grid value's number, read as every field's is ({@link ConfigNode#number}: no NaN, no infinities). */
  static Double number(Object v) {
    return ConfigNode.number(v);
  }

  private static String plain(Number n) {
    double d = n.doubleValue();
    if (!Double.isFinite(d)) {
      return String.valueOf(d);
    }
    return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : BigDecimal.valueOf(d).toPlainString();
  }
}
