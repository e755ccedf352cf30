package dev.descent.core.stats;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import org.apache.commons.math3.special.Beta;

/**
 * Main effects and two-way interactions of a sweep's grid axes on its objective, with Type II sums of squares,
 * the table statsmodels' {@code anova_lm(ols("y ~ (C(a) + C(b) + ...)**2"), typ=2)} and R's
 * {@code car::Anova(type = 2)} print.
 *
 * <p>Why Type II: a sweep's cells are unbalanced as soon as one run fails or diverges, and then the sums of
 * squares depend on the order terms enter (Type I) or on the contrast coding (Type III). Type II tests each term
 * after every term that does not contain it: a main effect after the other main effects and their interactions,
 * an interaction after everything else. With balanced cells it equals the classical ANOVA.
 *
 * <p>Each sum of squares is the drop in residual sum of squares between two treatment-coded OLS fits, and its
 * df the rise in rank, so a cell with no run at all (the whole interaction aliased) costs degrees of freedom
 * instead of breaking the fit; statsmodels counts columns there and disagrees, which {@link #notes} says.
 */
public final class FactorialAnova {
  static final String METHOD = "Type II sums of squares from treatment-coded OLS (as statsmodels' anova_lm(typ=2)):"
      + " each main effect after the other axes, each two-way interaction after everything else";

  private FactorialAnova() {}

  /**
   * The ANOVA of {@code observations} over {@code factors} (in the order the table lists them). A factor with a
   * single level among the observations explains nothing and is left out, with a note.
   */
  public static AnovaTable of(List<String> factors, List<Observation> observations) {
    List<String> notes = new ArrayList<>();
    Map<String, List<String>> levels = new LinkedHashMap<>();
    for (String f : factors) {
      TreeSet<String> seen = new TreeSet<>();
      observations.forEach(o -> seen.add(o.levels().get(f)));
      if (seen.size() > 1) {
        levels.put(f, List.copyOf(seen));
      } else {
        notes.add(f + " has one value among the finished runs, so it is left out");
      }
    }
    List<Term> terms = terms(List.copyOf(levels.keySet()));
    Cells cells = Cells.of(observations, List.copyOf(levels.keySet()));
    Map<List<Term>, LeastSquares> fits = new HashMap<>(); // a model is a set of terms: fit each set once
    Function<List<Term>, LeastSquares> fit = ts -> fits.computeIfAbsent(
        ts.stream().sorted(Comparator.comparing(Term::name)).toList(),
        k -> LeastSquares.fit(Design.of(cells.levels(), levels, k), cells.counts(), cells.means(), cells.within()));
    LeastSquares full = fit.apply(terms);
    double total = cells.total();
    double dfResidual = observations.size() - full.rank();
    double msResidual = full.rss() / dfResidual;
    List<AnovaRow> rows = new ArrayList<>();
    for (Term t : terms) {
      List<Term> without = terms.stream().filter(o -> !o.contains(t)).toList();
      List<Term> with = new ArrayList<>(without);
      with.add(t);
      LeastSquares small = fit.apply(without);
      LeastSquares large = fit.apply(with);
      int df = large.rank() - small.rank();
      int columns = Design.columns(t, levels);
      if (df < columns) {
        notes.add(t.name() + ": " + (columns - df) + " of its " + columns + " degrees of freedom cannot be estimated"
            + " (a combination without finished runs); statsmodels would still count them");
      }
      double ss = Math.max(0, small.rss() - large.rss());
      double f = df > 0 && dfResidual > 0 ? (ss / df) / msResidual : Double.NaN;
      rows.add(new AnovaRow(t.name(), df, ss, f, upperTail(f, df, dfResidual), ss / (ss + full.rss()),
          ss / total));
    }
    if (dfResidual <= 0) {
      notes.add("no residual degrees of freedom (one run per cell): no F or p without more seeds");
    }
    AnovaRow residual = new AnovaRow(AnovaRow.RESIDUAL, dfResidual, full.rss(), Double.NaN, Double.NaN, Double.NaN,
        full.rss() / total);
    boolean replicated = java.util.Arrays.stream(cells.counts()).anyMatch(n -> n > 1);
    return new AnovaTable(rows, residual, total, observations.size(), METHOD, notes, replicated);
  }

  /** Main effects in order, then every pair in order: {@code a, b, c, a:b, a:c, b:c}, as patsy expands them. */
  static List<Term> terms(List<String> factors) {
    List<Term> terms = new ArrayList<>();
    factors.forEach(f -> terms.add(new Term(List.of(f))));
    for (int i = 0; i < factors.size(); i++) {
      for (int j = i + 1; j < factors.size(); j++) {
        terms.add(new Term(List.of(factors.get(i), factors.get(j))));
      }
    }
    return terms;
  }

  /**
   * P(F > f) for F(df1, df2), as the regularized incomplete beta I_{df2/(df2+df1 f)}(df2/2, df1/2): exact in the
   * tail, where {@code 1 - cdf} would round a p of 1e-17 to 0.
   */
  static double upperTail(double f, double df1, double df2) {
    if (Double.isNaN(f) || df1 <= 0 || df2 <= 0) {
      return Double.NaN;
    }
    return Beta.regularizedBeta(df2 / (df2 + df1 * f), df2 / 2, df1 / 2);
  }
}
