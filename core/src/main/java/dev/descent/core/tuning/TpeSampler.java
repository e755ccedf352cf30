package dev.descent.core.tuning;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The Tree-structured Parzen Estimator (Bergstra et al. 2011) with Optuna 3.1's defaults for its
 * independent sampler: the first {@value #STARTUP_TRIALS} trials are random search's own; after them each
 * active parameter is chosen by ranking the trials where it was active, taking the best
 * {@code gamma(n) = min(ceil(0.1 n), 25)} as "good", fitting a Parzen estimator (a truncated Gaussian per
 * trial plus a prior of weight 1.0 over the whole range, bandwidths from neighbour distances clipped below
 * by the "magic clip" {@code range / min(100, n + 1)}; for categoricals, counts plus the prior) to the good
 * and to the rest, drawing {@value #CANDIDATES} candidates from the good model and keeping the one with
 * the largest {@code log l(x) - log g(x)} (expected improvement).
 *
 * <p>Proposal {@code i} is a pure function of the seed, {@code i} and the history given, so with one worker
 * (whose history is every earlier trial, finished) a second run of the same file proposes the same trials,
 * and after a crash the trials recorded in the store give back the same next proposal. Finished trials
 * rank by value; pruned ones after them, further epochs first; running ones last (the "constant liar":
 * a point being tried counts as a poor one, so parallel workers are pushed elsewhere).
 */
public final class TpeSampler {
  public static final int STARTUP_TRIALS = 10;
  public static final int CANDIDATES = 24;
  private static final double PRIOR_WEIGHT = 1.0;
  private final SearchSpace space;
  private final long seed;

  /** What became of one earlier trial. */
  public enum State { FINISHED, PRUNED, RUNNING }

  /**
   * One earlier trial.
   *
   * @param loss the objective so that lower is better (a maximised metric negated); for a pruned trial its
   *     value at its last epoch; ignored for a running one
   * @param epochs how far it got (ranks pruned trials)
   */
  public record Trial(Map<String, Object> params, State state, int epochs, double loss) {}

  public TpeSampler(SearchSpace space, long seed) {
    this.space = space;
    this.seed = seed;
  }

  /** The configuration of trial {@code number}, given every earlier trial. */
  public Map<String, Object> propose(int number, List<Trial> history) {
    long done = history.stream().filter(t -> t.state() != State.RUNNING).count();
    if (done < STARTUP_TRIALS) {
      return RandomSampler.trial(space, seed, number, 0);
    }
    SplittableRandom random = RandomSampler.random(seed, number, 1_000_003);
    List<Trial> ranked = new ArrayList<>(history);
    ranked.sort(RANK);
    Map<String, Object> values = new LinkedHashMap<>();
    for (Param p : space.params()) {
      SplittableRandom own = random.split();
      if (!p.activeIn(values)) {
        continue;
      }
      List<Trial> with = ranked.stream().filter(t -> t.params().containsKey(p.name())).toList();
      int below = gamma(with.size());
      List<Object> good = chronological(history, with.subList(0, below), p.name());
      List<Object> bad = chronological(history, with.subList(below, with.size()), p.name());
      values.put(p.name(), choose(p.distribution(), good, bad, own));
    }
    return values;
  }

  /** Best first: finished by loss, then pruned (further first, then by loss), then running. */
  private static final Comparator<Trial> RANK = Comparator.<Trial>comparingInt(t -> t.state().ordinal())
      .thenComparingInt(t -> t.state() == State.PRUNED ? -t.epochs() : 0)
      .thenComparingDouble(t -> t.state() == State.RUNNING || Double.isNaN(t.loss()) ? Double.MAX_VALUE : t.loss());

  static int gamma(int n) {
    return Math.min((int) Math.ceil(0.1 * n), 25);
  }

  /** The values of {@code name} in {@code group}, in the order the trials were made (recent ones weigh most). */
  private static List<Object> chronological(List<Trial> history, List<Trial> group, String name) {
    List<Object> out = new ArrayList<>();
    java.util.Set<Trial> members = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    members.addAll(group);
    for (Trial t : history) {
      if (members.contains(t)) {
        out.add(t.params().get(name));
      }
    }
    return out;
  }

  private static Object choose(Distribution d, List<Object> good, List<Object> bad, SplittableRandom random) {
    if (d instanceof Distribution.Categorical c) {
      CategoricalParzen l = new CategoricalParzen(c, good);
      CategoricalParzen g = new CategoricalParzen(c, bad);
      int best = -1;
      double bestScore = Double.NEGATIVE_INFINITY;
      for (int k = 0; k < CANDIDATES; k++) {
        int x = l.sample(random);
        double score = l.logPdf(x) - g.logPdf(x);
        if (score > bestScore) {
          bestScore = score;
          best = x;
        }
      }
      return c.values().get(best);
    }
    Distribution.Numeric n = (Distribution.Numeric) d;
    NumericParzen l = new NumericParzen(n, good);
    NumericParzen g = new NumericParzen(n, bad);
    double best = Double.NaN;
    double bestScore = Double.NEGATIVE_INFINITY;
    for (int k = 0; k < CANDIDATES; k++) {
      double x = l.sample(random);
      double score = l.logPdf(x) - g.logPdf(x);
      if (score > bestScore || Double.isNaN(best)) {
        bestScore = score;
        best = x;
      }
    }
    return n.fromInternal(best);
  }

  /** Optuna's default weights: flat below 25 observations, then a ramp from 1/n up to 1 for all but the last 25. */
  static double[] weights(int n) {
    double[] w = new double[n + 1];
    for (int i = 0; i < n; i++) {
      w[i] = n < 25 || i >= n - 25 ? 1 : 1.0 / n + (1 - 1.0 / n) * i / Math.max(1, n - 26);
    }
    w[n] = PRIOR_WEIGHT;
    double sum = 0;
    for (double x : w) {
      sum += x;
    }
    for (int i = 0; i <= n; i++) {
      w[i] /= sum;
    }
    return w;
  }

  private static int pick(double[] w, SplittableRandom random) {
    double u = random.nextDouble();
    double acc = 0;
    for (int i = 0; i < w.length; i++) {
      acc += w[i];
      if (u < acc) {
        return i;
      }
    }
    return w.length - 1;
  }

  /** Truncated Gaussians at each observation (internal coordinate) plus the prior. */
  private static final class NumericParzen {
    private final Distribution.Numeric d;
    private final double low;
    private final double high;
    private final double q;
    private final double[] mus;
    private final double[] sigmas;
    private final double[] weights;
    /** Per component: log of its weight less the log of its mass inside the range (its truncation). */
    private final double[] logScale;
    /** Per component: log(sigma) + log(sqrt(2 pi)), the Gaussian density's normaliser. */
    private final double[] logSigma;

    NumericParzen(Distribution.Numeric d, List<Object> observed) {
      this.d = d;
      low = d.lowInternal();
      high = d.highInternal();
      q = d.log() ? 0 : d.integer() ? Math.max(1, d.step()) : d.step();
      int n = observed.size();
      mus = new double[n + 1];
      for (int i = 0; i < n; i++) {
        mus[i] = d.toInternal(((Number) observed.get(i)).doubleValue());
      }
      mus[n] = 0.5 * (low + high);
      sigmas = bandwidths(mus, low, high);
      weights = weights(n);
      logScale = new double[n + 1];
      logSigma = new double[n + 1];
      for (int k = 0; k <= n; k++) {
        logSigma[k] = Math.log(sigmas[k]) - Gauss.logPdf(0);
        logScale[k] = Math.log(weights[k]) - Gauss.logMass((low - mus[k]) / sigmas[k], (high - mus[k]) / sigmas[k]);
      }
    }

    /** Optuna's: the larger gap to a sorted neighbour (range ends included), ends not used for the outermost, clipped. */
    private static double[] bandwidths(double[] mus, double low, double high) {
      int m = mus.length;
      Integer[] order = new Integer[m];
      for (int i = 0; i < m; i++) {
        order[i] = i;
      }
      java.util.Arrays.sort(order, Comparator.comparingDouble(i -> mus[i]));
      double[] s = new double[m + 2];
      s[0] = low;
      for (int i = 0; i < m; i++) {
        s[i + 1] = mus[order[i]];
      }
      s[m + 1] = high;
      double[] sorted = new double[m];
      for (int i = 0; i < m; i++) {
        sorted[i] = Math.max(s[i + 1] - s[i], s[i + 2] - s[i + 1]);
      }
      if (m + 2 >= 4) {
        sorted[0] = s[2] - s[1];
        sorted[m - 1] = s[m] - s[m - 1];
      }
      double max = high - low;
      double min = (high - low) / Math.min(100.0, 1.0 + m);
      double[] sigmas = new double[m];
      for (int i = 0; i < m; i++) {
        sigmas[order[i]] = Math.min(max, Math.max(min, sorted[i]));
      }
      sigmas[m - 1] = high - low; // the prior, last in input order
      return sigmas;
    }

    double sample(SplittableRandom random) {
      int k = pick(weights, random);
      double a = (low - mus[k]) / sigmas[k];
      double b = (high - mus[k]) / sigmas[k];
      double z;
      if (a > 0) { // sample the mirror image where the CDF keeps its digits
        z = -Gauss.inverse(Gauss.cdf(-b) + random.nextDouble() * (Gauss.cdf(-a) - Gauss.cdf(-b)));
      } else {
        z = Gauss.inverse(Gauss.cdf(a) + random.nextDouble() * (Gauss.cdf(b) - Gauss.cdf(a)));
      }
      double x = mus[k] + sigmas[k] * z;
      return Math.min(high, Math.max(low, x));
    }

    double logPdf(double x) {
      double v = x;
      if (q > 0) {
        Object snapped = d.fromInternal(x);
        v = ((Number) snapped).doubleValue();
      }
      double max = Double.NEGATIVE_INFINITY;
      double[] terms = new double[mus.length];
      for (int k = 0; k < mus.length; k++) {
        double t;
        if (q > 0) {
          double lo = Math.max(v - q / 2, low);
          double hi = Math.min(v + q / 2, high);
          t = Gauss.logMass((lo - mus[k]) / sigmas[k], (hi - mus[k]) / sigmas[k]);
        } else {
          double z = (v - mus[k]) / sigmas[k];
          t = -0.5 * z * z - logSigma[k];
        }
        terms[k] = t + logScale[k];
        max = Math.max(max, terms[k]);
      }
      double sum = 0;
      for (double t : terms) {
        sum += Math.exp(t - max);
      }
      return max + Math.log(sum);
    }
  }

  /** Each observation's choice plus the prior, spread as Optuna spreads it: prior_weight / (n + 1) on every choice. */
  private static final class CategoricalParzen {
    private final double[][] rows;
    private final double[] weights;

    CategoricalParzen(Distribution.Categorical c, List<Object> observed) {
      int n = observed.size();
      int k = c.values().size();
      rows = new double[n + 1][k];
      for (int i = 0; i <= n; i++) {
        java.util.Arrays.fill(rows[i], PRIOR_WEIGHT / (n + 1));
        if (i < n) {
          rows[i][Math.max(0, SearchSpace.indexOf(c, observed.get(i)))] += 1;
        }
        double sum = 0;
        for (double x : rows[i]) {
          sum += x;
        }
        for (int j = 0; j < k; j++) {
          rows[i][j] /= sum;
        }
      }
      weights = weights(n);
    }

    int sample(SplittableRandom random) {
      return pick(rows[pick(weights, random)], random);
    }

    double logPdf(int x) {
      double p = 0;
      for (int i = 0; i < rows.length; i++) {
        p += weights[i] * rows[i][x];
      }
      return Math.log(p);
    }
  }
}
