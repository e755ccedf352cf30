package dev.descent.core.tuning;

import dev.descent.core.experiment.ConfigNode;
import dev.descent.core.experiment.Problems;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the {@code search:}, {@code pruner:} and {@code budget:} sections, reporting every problem with its
 * path into the same {@link Problems} the grid's reader fills, so a file's problems come out in one list.
 * What a value means for a cell (an optimizer name that exists, a path the file has) is checked later, by
 * building trials into cells exactly as grid cells are built.
 */
public final class SearchReader {
  public static final int MAX_TRIALS = 10_000;
  private static final Set<String> NUMERIC = Set.of("uniform", "log_uniform", "int_uniform", "int_log_uniform");
  private static final Pattern TIME = Pattern.compile("(\\d+)\\s*(s|m|h)");
  private final Problems problems;

  public SearchReader(Problems problems) {
    this.problems = problems;
  }

  /** The search section, or null when the file has none or it is too broken to use. */
  public SearchSpec search(Object raw) {
    if (raw == null) {
      return null;
    }
    if (!(raw instanceof Map<?, ?> m)) {
      problems.add("search", "was " + ConfigNode.describe(raw) + ", must be a mapping with method, trials, seed and space");
      return null;
    }
    unknownKeys("search", m, Set.of("method", "trials", "seed", "space"));
    Object method = m.get("method") == null ? "random" : m.get("method");
    if (!Set.of("random", "tpe").contains(method)) {
      problems.add("search.method", "was " + ConfigNode.describe(method) + ", must be random or tpe");
    }
    Long trials = integer("search.trials", m.get("trials"), 1, MAX_TRIALS, true);
    Long seed = integer("search.seed", m.get("seed") == null ? 0 : m.get("seed"), 0, Integer.MAX_VALUE, true);
    SearchSpace space = space(m.get("space"));
    if (trials == null || seed == null || space == null || !Set.of("random", "tpe").contains(method)) {
      return null;
    }
    return new SearchSpec((String) method, trials.intValue(), seed, space);
  }

  private SearchSpace space(Object raw) {
    if (!(raw instanceof Map<?, ?> m) || m.isEmpty()) {
      problems.add("search.space", "was " + ConfigNode.describe(raw) + ", must be a mapping from parameter to its "
          + "values, e.g. {optimizer: [sgd, adam], learning_rate: {log_uniform: [1.0e-4, 0.1]}}");
      return null;
    }
    Map<String, Param> params = new LinkedHashMap<>();
    Map<String, Object> whens = new LinkedHashMap<>();
    int before = problems.list().size();
    m.forEach((k, v) -> {
      String name = String.valueOf(k);
      String path = "search.space." + name;
      Distribution d = distribution(path, v);
      if (d != null) {
        params.put(name, new Param(name, d, Map.of()));
      }
      if (v instanceof Map<?, ?> spec && spec.get("when") != null) {
        whens.put(name, spec.get("when"));
      }
    });
    whens.forEach((name, when) -> {
      Map<String, List<Object>> condition = when("search.space." + name + ".when", when, params, name);
      Param p = params.get(name);
      if (p != null && condition != null) {
        params.put(name, new Param(name, p.distribution(), condition));
      }
    });
    if (problems.list().size() > before) {
      return null;
    }
    return new SearchSpace(ordered(new ArrayList<>(params.values())));
  }

  /** Parameters with each after the ones its condition names (conditions name only unconditional ones). */
  private static List<Param> ordered(List<Param> params) {
    List<Param> out = new ArrayList<>(params.stream().filter(p -> p.when().isEmpty()).toList());
    out.addAll(params.stream().filter(p -> !p.when().isEmpty()).toList());
    return out;
  }

  private Distribution distribution(String path, Object raw) {
    if (raw instanceof List<?> list) {
      if (list.isEmpty()) {
        problems.add(path, "was an empty list, must list at least one value");
        return null;
      }
      List<Object> values = new ArrayList<>();
      for (int i = 0; i < list.size(); i++) {
        if (list.get(i) == null) {
          problems.add(path + "[" + i + "]", "was empty, must be a value");
        }
        for (int j = 0; j < i; j++) {
          if (list.get(i) != null && SearchSpace.sameChoice(list.get(i), list.get(j))
              && !(list.get(i) instanceof Map)) {
            problems.add(path + "[" + i + "]", "repeats " + path + "[" + j + "] (" + list.get(i) + "); list each value once");
          }
        }
        values.add(list.get(i));
      }
      return new Distribution.Categorical(values);
    }
    if (!(raw instanceof Map<?, ?> m)) {
      problems.add(path, "was " + ConfigNode.describe(raw) + ", must be a list of values or a distribution such as "
          + "{log_uniform: [1.0e-4, 0.1]} (uniform, log_uniform, int_uniform, int_log_uniform)");
      return null;
    }
    List<String> kinds = m.keySet().stream().map(String::valueOf).filter(NUMERIC::contains).toList();
    unknownKeys(path, m, Set.of("uniform", "log_uniform", "int_uniform", "int_log_uniform", "step", "when", "values"));
    if (m.get("values") != null) {
      if (!kinds.isEmpty()) {
        problems.add(path, "has both values and " + kinds.get(0) + "; keep one");
        return null;
      }
      return distribution(path + ".values", m.get("values"));
    }
    if (kinds.size() != 1) {
      problems.add(path, kinds.isEmpty()
          ? "names no distribution; add one of uniform, log_uniform, int_uniform, int_log_uniform, e.g. {uniform: [0.0, 0.5]}"
          : "names " + kinds.size() + " distributions (" + String.join(", ", kinds) + "); keep one");
      return null;
    }
    String kind = kinds.get(0);
    boolean log = kind.contains("log");
    boolean integer = kind.startsWith("int");
    String at = path + "." + kind;
    if (!(m.get(kind) instanceof List<?> bounds) || bounds.size() != 2) {
      problems.add(at, "was " + ConfigNode.describe(m.get(kind)) + ", must be [low, high], e.g. "
          + (integer ? "[32, 256]" : "[1.0e-4, 0.1]"));
      return null;
    }
    Double low = bound(at + "[0]", bounds.get(0), log, integer);
    Double high = bound(at + "[1]", bounds.get(1), log, integer);
    double step = 0;
    if (m.get("step") != null) {
      Double s = ConfigNode.number(m.get("step"));
      if (log) {
        problems.add(path + ".step", "a log distribution has no step; use uniform or int_uniform with a step");
      } else if (s == null || !(s > 0) || integer && s != Math.rint(s)) {
        problems.add(path + ".step", "was " + ConfigNode.describe(m.get("step")) + ", must be "
            + (integer ? "an integer >= 1" : "a number > 0"));
      } else {
        step = s;
      }
    }
    if (low == null || high == null) {
      return null;
    }
    if (!(low < high)) {
      problems.add(at, "was [" + ConfigNode.describe(bounds.get(0)) + ", " + ConfigNode.describe(bounds.get(1))
          + "], low must be below high");
      return null;
    }
    if (step > 0 && step > high - low) {
      problems.add(path + ".step", "was " + step + ", larger than the range " + (high - low) + "; use a smaller step");
      return null;
    }
    return new Distribution.Numeric(kind, low, high, step, log, integer);
  }

  private Double bound(String path, Object raw, boolean log, boolean integer) {
    Double d = ConfigNode.number(raw);
    if (d == null || raw instanceof String) {
      problems.add(path, "was " + ConfigNode.describe(raw) + ", must be a number");
      return null;
    }
    if (log && !(d > 0)) {
      problems.add(path, "was " + ConfigNode.describe(raw) + ", must be > 0");
      return null;
    }
    if (integer && d != Math.rint(d)) {
      problems.add(path, "was " + ConfigNode.describe(raw) + ", must be an integer");
      return null;
    }
    return d;
  }

  /** A {@code when:} mapping: each key an unconditional categorical of the space, each value among its choices. */
  private Map<String, List<Object>> when(String path, Object raw, Map<String, Param> params, String self) {
    if (!(raw instanceof Map<?, ?> m) || m.isEmpty()) {
      problems.add(path, "was " + ConfigNode.describe(raw) + ", must be a mapping from a categorical parameter to the "
          + "value(s) under which this one exists, e.g. {optimizer: sgd} or {optimizer: [sgd, rmsprop]}");
      return null;
    }
    Map<String, List<Object>> condition = new LinkedHashMap<>();
    m.forEach((k, v) -> {
      String key = String.valueOf(k);
      String at = path + "." + key;
      Param on = params.get(key);
      if (key.equals(self) || on == null || !(on.distribution() instanceof Distribution.Categorical c)) {
        problems.add(at, "names no categorical parameter of search.space; a condition needs a parameter listed "
            + "with its values, e.g. optimizer: [sgd, adam]");
        return;
      }
      List<?> wanted = v instanceof List<?> l ? l : List.of(v == null ? "" : v);
      List<Object> values = new ArrayList<>();
      for (Object w : wanted) {
        Object name = w instanceof Map<?, ?> wm ? wm.get("name") : w;
        boolean known = c.values().stream().anyMatch(x -> SearchSpace.sameChoice(x, w)
            || x instanceof Map<?, ?> xm && SearchSpace.sameChoice(xm.get("name"), name));
        if (!known) {
          problems.add(at, "was " + ConfigNode.describe(w) + ", must be one of search.space." + key + "'s values: "
              + c.values());
        }
        values.add(w);
      }
      condition.put(key, values);
    });
    return condition;
  }

  /** The pruner section; {@link PrunerSpec#NONE} when absent or broken (its problems reported). */
  public PrunerSpec pruner(Object raw) {
    if (raw == null) {
      return PrunerSpec.NONE;
    }
    if (!(raw instanceof Map<?, ?> m)) {
      problems.add("pruner", "was " + ConfigNode.describe(raw) + ", must be a mapping such as "
          + "{method: asha, min_epochs: 1, reduction_factor: 3}");
      return PrunerSpec.NONE;
    }
    Object method = m.get("method");
    if (!Set.of("asha", "median", "none").contains(method)) {
      problems.add("pruner.method", "was " + ConfigNode.describe(method) + ", must be asha, median or none");
      return PrunerSpec.NONE;
    }
    unknownKeys("pruner", m, "asha".equals(method) ? Set.of("method", "min_epochs", "reduction_factor")
        : "median".equals(method) ? Set.of("method", "startup_trials", "warmup_epochs") : Set.of("method"));
    Long min = integer("pruner.min_epochs", m.get("min_epochs") == null ? 1 : m.get("min_epochs"), 1, 100_000, true);
    Long eta = integer("pruner.reduction_factor", m.get("reduction_factor") == null ? 3 : m.get("reduction_factor"),
        2, 100, true);
    Long startup = integer("pruner.startup_trials", m.get("startup_trials") == null ? 5 : m.get("startup_trials"),
        0, MAX_TRIALS, true);
    Long warmup = integer("pruner.warmup_epochs", m.get("warmup_epochs") == null ? 0 : m.get("warmup_epochs"),
        0, 100_000, true);
    if (min == null || eta == null || startup == null || warmup == null) {
      return PrunerSpec.NONE;
    }
    return new PrunerSpec((String) method, min.intValue(), eta.intValue(), startup.intValue(), warmup.intValue());
  }

  /** The budget section; {@link Budget#NONE} when absent. */
  public Budget budget(Object raw) {
    if (raw == null) {
      return Budget.NONE;
    }
    if (!(raw instanceof Map<?, ?> m) || m.isEmpty()) {
      problems.add("budget", "was " + ConfigNode.describe(raw) + ", must be a mapping such as {epochs: 400} or {time: 30m}");
      return Budget.NONE;
    }
    unknownKeys("budget", m, Set.of("epochs", "time"));
    Long epochs = m.get("epochs") == null ? Long.valueOf(0)
        : integer("budget.epochs", m.get("epochs"), 1, Long.MAX_VALUE / 2, true);
    Duration time = null;
    if (m.get("time") != null) {
      Matcher t = TIME.matcher(String.valueOf(m.get("time")).trim());
      if (!t.matches() || Long.parseLong(t.group(1)) == 0) {
        problems.add("budget.time", "was " + ConfigNode.describe(m.get("time")) + ", must be a duration such as 90s, 30m or 2h");
      } else {
        long n = Long.parseLong(t.group(1));
        time = switch (t.group(2)) {
          case "s" -> Duration.ofSeconds(n);
          case "m" -> Duration.ofMinutes(n);
          default -> Duration.ofHours(n);
        };
      }
    }
    return new Budget(epochs == null ? 0 : epochs, time);
  }

  private Long integer(String path, Object raw, long min, long max, boolean required) {
    Double d = raw instanceof String ? null : ConfigNode.number(raw);
    if (raw == null && !required) {
      return null;
    }
    if (d == null || d != Math.rint(d) || d < min || d > max) {
      problems.add(path, (raw == null ? "missing; " : "was " + ConfigNode.describe(raw) + ", ")
          + "must be an integer in [" + min + ", " + max + "]");
      return null;
    }
    return d.longValue();
  }

  private void unknownKeys(String path, Map<?, ?> m, Set<String> allowed) {
    m.keySet().stream().map(String::valueOf).filter(k -> !allowed.contains(k)).forEach(k ->
        problems.add(path + "." + k, "unknown field; allowed here: " + String.join(", ", new java.util.TreeSet<>(allowed))));
  }
}
