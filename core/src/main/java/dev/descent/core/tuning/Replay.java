package dev.descent.core.tuning;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Runs a strategy (a sampler and a pruner) on a {@link ReplayTable} as one worker would run it live, trial
 * after trial, each read epoch by epoch with the pruner asked after every epoch. No training happens, so
 * thirty repeats of a 60-trial search take milliseconds.
 *
 * <p>The samplers choose among the table's configurations only: {@code grid} takes them in the sweep's
 * order (as the grid ran them), {@code random} draws without replacement, {@code tpe} proposes with {@link TpeSampler} over one
 * categorical parameter per axis and, like a live search, redraws at random a configuration it already
 * tried. The best found is the best objective of the trials that were not pruned (as Optuna's
 * {@code best_value} counts complete trials only).
 */
public final class Replay {
  private final ReplayTable table;
  private final SearchSpace space;
  private final Map<String, ReplayTable.Config> byKey = new HashMap<>();

  public Replay(ReplayTable table) {
    this.table = table;
    List<Param> params = new ArrayList<>();
    for (String axis : table.axes()) {
      List<Object> values = new ArrayList<>();
      for (ReplayTable.Config c : table.configs()) {
        Object v = c.params().get(axis);
        if (values.stream().noneMatch(x -> SearchSpace.sameChoice(x, v))) {
          values.add(v);
        }
      }
      params.add(new Param(axis, new Distribution.Categorical(values), Map.of()));
    }
    this.space = new SearchSpace(params);
    table.configs().forEach(c -> byKey.put(key(c.params()), c));
  }

  /** One repeat's outcome. */
  public record Outcome(double best, long epochs, int trials, int pruned) {}

  /** The outcomes of {@code repeats} runs, sampler seeds 0, 1, ... */
  public List<Outcome> run(String method, PrunerSpec pruner, int trials, int repeats) {
    List<Outcome> out = new ArrayList<>();
    for (int r = 0; r < repeats; r++) {
      out.add(once(method, pruner, Math.min(trials, table.configs().size()), r));
    }
    return out;
  }

  /** One search with sampler seed {@code seed}. */
  public Outcome once(String method, PrunerSpec pruner, int trials, long seed) {
    PruneRule rule = PruneRule.of(pruner, table.metric(), table.max());
    List<ReplayTable.Config> order = new ArrayList<>(table.configs());
    if (!"grid".equals(method)) {
      shuffle(order, new SplittableRandom(RandomSampler.mix(seed + 0x5DEECE66DL)));
    }
    TpeSampler tpe = new TpeSampler(space, seed);
    Set<String> tried = new HashSet<>();
    List<Curve> curves = new ArrayList<>();
    List<TpeSampler.Trial> history = new ArrayList<>();
    double best = Double.NaN;
    long epochs = 0;
    int pruned = 0;
    for (int i = 0; i < trials; i++) {
      ReplayTable.Config c = switch (method) {
        case "tpe" -> untried(byKey.get(key(tpe.propose(i, history))), tried, order);
        case "grid", "random" -> untried(null, tried, order);
        default -> throw new IllegalArgumentException("unknown method " + method);
      };
      tried.add(c.key());
      List<Double> seen = new ArrayList<>();
      String why = null;
      for (int e = 1; e <= c.curve().length && why == null; e++) {
        seen.add(c.curve()[e - 1]);
        epochs += c.seeds();
        why = rule.check(e, new Curve(c.key(), toArray(seen), false), curves);
      }
      double[] curve = toArray(seen);
      curves.add(new Curve(c.key(), curve, why == null));
      double value;
      if (why == null) {
        value = new ReplayTable.Config(c.key(), c.params(), curve, c.seeds()).best(table.max());
        if (!Double.isNaN(value) && (Double.isNaN(best) || (table.max() ? value > best : value < best))) {
          best = value;
        }
      } else {
        pruned++;
        value = curve[curve.length - 1];
      }
      history.add(new TpeSampler.Trial(c.params(), why == null ? TpeSampler.State.FINISHED : TpeSampler.State.PRUNED,
          curve.length, Double.isNaN(value) ? Double.NaN : table.max() ? -value : value));
    }
    return new Outcome(best, epochs, trials, pruned);
  }

  /** {@code proposed} unless tried already, else the next untried configuration of the shuffled order. */
  private static ReplayTable.Config untried(ReplayTable.Config proposed, Set<String> tried, List<ReplayTable.Config> order) {
    if (proposed != null && !tried.contains(proposed.key())) {
      return proposed;
    }
    return order.stream().filter(c -> !tried.contains(c.key())).findFirst().orElseThrow();
  }

  private static String key(Map<String, Object> params) {
    Map<String, Object> m = new LinkedHashMap<>();
    params.forEach((k, v) -> m.put(k, v instanceof Number n ? n.doubleValue() : v));
    return m.toString();
  }

  private static void shuffle(List<ReplayTable.Config> list, SplittableRandom random) {
    for (int i = list.size() - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      ReplayTable.Config t = list.get(i);
      list.set(i, list.get(j));
      list.set(j, t);
    }
  }

  private static double[] toArray(List<Double> list) {
    return list.stream().mapToDouble(Double::doubleValue).toArray();
  }

  /** Median and quartiles (linear interpolation between order statistics, numpy's default). */
  public static Map<String, Double> quartiles(double[] values) {
    double[] s = values.clone();
    Arrays.sort(s);
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("median", quantile(s, 0.5));
    m.put("q1", quantile(s, 0.25));
    m.put("q3", quantile(s, 0.75));
    return m;
  }

  static double quantile(double[] sorted, double q) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    double pos = q * (sorted.length - 1);
    int lo = (int) Math.floor(pos);
    int hi = Math.min(sorted.length - 1, lo + 1);
    return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
  }

  /** The report of {@code outcomes}: what {@code descent sweeps replay --json} prints. */
  public Map<String, Object> report(String method, PrunerSpec pruner, List<Outcome> outcomes) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("sweep", table.sweepId());
    m.put("method", method);
    m.put("pruner", pruner.method());
    m.put("metric", table.metric());
    m.put("repeats", outcomes.size());
    m.put("trials", outcomes.isEmpty() ? 0 : outcomes.get(0).trials());
    m.put("best", quartiles(outcomes.stream().mapToDouble(Outcome::best).toArray()));
    m.put("epochs", quartiles(outcomes.stream().mapToDouble(Outcome::epochs).toArray()));
    m.put("epochs_fraction", quartiles(outcomes.stream().mapToDouble(o -> (double) o.epochs() / table.fullEpochs()).toArray()));
    m.put("pruned", quartiles(outcomes.stream().mapToDouble(Outcome::pruned).toArray()));
    m.put("grid_best", table.best());
    m.put("grid_epochs", table.fullEpochs());
    return m;
  }
}
