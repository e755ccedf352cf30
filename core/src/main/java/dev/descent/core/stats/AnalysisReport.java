package dev.descent.core.stats;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A {@link SweepAnalysis} as plain lines for people and as a map for {@code --json} and the dashboard. */
public final class AnalysisReport {
  private AnalysisReport() {}

  /**
   * {@code learning_rate explains 61% of the variance (p < 1e-6); optimizer × learning_rate 9% (p = 0.002);
   * batch_size 1% (p = 0.41, no evidence it matters)}, the method in one line, any notes, then a verdict per
   * runner-up.
   */
  public static List<String> lines(SweepAnalysis a) {
    List<String> out = new ArrayList<>();
    String metric = a.objective().metric();
    if (a.importance() != null) {
      out.add(importance(a.importance()) + (a.left() > 0 ? "; " + a.left() + (a.left() == 1 ? " run" : " runs")
          + " without a " + metric + " left out" : ""));
    } else if (a.anova() == null) {
      out.add("No ANOVA: it needs a grid axis and at least two finished runs.");
    } else {
      out.add(importance(a.anova()));
      out.add("(" + a.anova().method() + "; " + a.anova().observations() + " runs with a " + metric + (a.left() > 0
          ? ", " + a.left() + " without one left out" : "") + ")");
      a.anova().notes().forEach(n -> out.add("note: " + n));
    }
    a.comparisons().forEach(c -> out.add(Verdict.of(c, metric)));
    return out;
  }

  /** {@code learning_rate 64%, optimizer 21%, dropout 6% (PED-ANOVA over the top 10% of 40 trials)}. */
  static String importance(Importance imp) {
    StringBuilder sb = new StringBuilder();
    for (Importance.Share s : imp.params()) {
      sb.append(sb.length() == 0 ? "" : ", ").append(s.param()).append(' ').append(Figures.percent(s.share()));
    }
    return sb.append(" (").append(imp.method()).append(')').toString();
  }

  static String importance(AnovaTable t) {
    List<AnovaRow> terms = t.terms().stream().sorted(Comparator.comparingDouble(AnovaRow::share).reversed()).toList();
    StringBuilder sb = new StringBuilder();
    for (AnovaRow r : terms) {
      boolean first = sb.length() == 0;
      sb.append(first ? "" : "; ").append(r.term().replace(":", " × "))
          .append(first ? " explains " : " ").append(Figures.percent(r.share())).append(first ? " of the variance" : "");
      if (!Double.isNaN(r.p())) {
        sb.append(" (").append(Figures.p(r.p())).append(r.p() >= WinnerTest.ALPHA ? ", no evidence it matters" : "")
            .append(')');
      }
    }
    return sb.append(t.replicated() ? "; seed noise " : "; higher-order interactions (one run per configuration) ")
        .append(Figures.percent(t.residual().share())).toString();
  }

  public static Map<String, Object> toMap(SweepAnalysis a) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("objective", Map.of("metric", a.objective().metric(), "mode", a.objective().mode()));
    if (a.anova() != null) {
      m.put("method", a.anova().method());
      m.put("observations", a.anova().observations());
      m.put("left_out", a.left());
      m.put("replicated", a.anova().replicated());
      List<Map<String, Object>> rows = new ArrayList<>();
      for (AnovaRow r : a.anova().rows()) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("term", r.term());
        row.put("df", r.df());
        row.put("sum_sq", r.sumSq());
        row.put("F", orNull(r.f()));
        row.put("p", orNull(r.p()));
        row.put("partial_eta_sq", orNull(r.partialEtaSq()));
        row.put("share", orNull(r.share()));
        rows.add(row);
      }
      m.put("anova", rows);
      m.put("notes", a.anova().notes());
    } else {
      m.put("anova", List.of());
    }
    if (a.importance() != null) {
      m.put("importance_method", a.importance().method());
      m.put("left_out", a.left());
      List<Map<String, Object>> rows = new ArrayList<>();
      for (Importance.Share s : a.importance().params()) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("param", s.param());
        row.put("importance", s.share());
        row.put("ped_anova", s.divergence());
        row.put("active_trials", s.active());
        rows.add(row);
      }
      m.put("importance", rows);
    }
    List<Map<String, Object>> comparisons = new ArrayList<>();
    for (Comparison c : a.comparisons()) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("best", c.best());
      row.put("other", c.other());
      row.put("best_seeds", c.bestSeeds());
      row.put("other_seeds", c.otherSeeds());
      row.put("difference", orNull(c.difference()));
      row.put("ci95", Double.isNaN(c.ciLow()) ? null : List.of(c.ciLow(), c.ciHigh()));
      row.put("p", orNull(c.p()));
      row.put("significant", c.significant());
      row.put("seeds_needed", c.seedsNeeded());
      row.put("verdict", Verdict.of(c, a.objective().metric()));
      comparisons.add(row);
    }
    m.put("comparisons", comparisons);
    m.put("lines", lines(a));
    return m;
  }

  private static Object orNull(double v) {
    return Double.isFinite(v) ? v : null;
  }
}
