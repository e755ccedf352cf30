package dev.descent.core.stats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Parameter importance for searches, which have no full factorial to run an ANOVA on: PED-ANOVA (Watanabe,
 * Bansal and Hutter, IJCAI 2023), Optuna's {@code PedAnovaImportanceEvaluator}. A parameter matters as much as
 * the best trials' values of it differ from all trials' values of it: importance is γ' times the Pearson
 * divergence Σ p_all(x) (p_top(x) / p_all(x) − 1)² between the two one-dimensional densities
 * ({@link ScottParzen}) on the parameter's grid ({@link ParamGrid}), where γ' is the share of trials in the top.
 * The paper shows this is the local variance the parameter explains in the top-γ set. A conditional parameter is
 * measured over the trials where it was active, with their own top γ: a top set of the whole search may hold one
 * such trial, and one kernel against many reads as a huge divergence. The results are normalised to shares.
 */
public final class PedAnova {
  /** Optuna's default baseline quantile: the best 10% of trials. */
  public static final double GAMMA = 0.1;
  /** The top set holds at least this many trials, as in Optuna. */
  static final int MIN_TOP = 2;

  private PedAnova() {}

  /** Importance of {@code params} over {@code trials}; null with fewer than three trials. */
  public static Importance of(List<String> params, List<Trial> trials, boolean higherIsBetter, double gamma) {
    if (trials.size() <= MIN_TOP) {
      return null;
    }
    List<Importance.Share> raw = new ArrayList<>();
    double sum = 0;
    for (String p : params) {
      List<Trial> active = trials.stream().filter(t -> t.params().get(p) != null).toList();
      double d = 0;
      if (active.size() > MIN_TOP) {
        List<Trial> top = top(active, higherIsBetter, gamma);
        List<Object> all = values(active, p);
        d = (double) top.size() / active.size() * divergence(ParamGrid.of(all), values(top, p), all);
      }
      raw.add(new Importance.Share(p, 0, d, active.size()));
      sum += d;
    }
    List<Importance.Share> shares = new ArrayList<>();
    for (Importance.Share s : raw) {
      shares.add(new Importance.Share(s.param(), sum > 0 ? s.divergence() / sum : 0, s.divergence(), s.active()));
    }
    shares.sort(Comparator.comparingDouble(Importance.Share::share).reversed());
    return new Importance(shares, trials.size(), top(trials, higherIsBetter, gamma).size(), gamma);
  }

  /** The best {@code gamma} of the trials (numpy's quantile, method "higher"), and never fewer than two. */
  static List<Trial> top(List<Trial> trials, boolean higherIsBetter, double gamma) {
    double[] loss = trials.stream().mapToDouble(t -> higherIsBetter ? -t.value() : t.value()).toArray();
    double[] sorted = loss.clone();
    Arrays.sort(sorted);
    double cutoff = Math.max(sorted[MIN_TOP - 1], sorted[(int) Math.ceil(gamma * (sorted.length - 1))]);
    List<Trial> top = new ArrayList<>();
    for (int i = 0; i < loss.length; i++) {
      if (loss[i] <= cutoff) {
        top.add(trials.get(i));
      }
    }
    return top;
  }

  /** Pearson divergence of the top trials' density from all trials' density on the grid. */
  static double divergence(ParamGrid grid, List<Object> top, List<Object> all) {
    if (top.isEmpty()) {
      return 0;
    }
    double[] pTop = ScottParzen.pdf(grid.counts(top), grid.categorical());
    double[] pAll = ScottParzen.pdf(grid.counts(all), grid.categorical());
    double d = 0;
    for (int i = 0; i < pTop.length; i++) {
      double t = pTop[i] + 1e-12;
      double a = pAll[i] + 1e-12;
      d += a * (t / a - 1) * (t / a - 1);
    }
    return d;
  }

  private static List<Object> values(List<Trial> trials, String param) {
    return trials.stream().map(t -> t.params().get(param)).filter(v -> v != null).toList();
  }
}
