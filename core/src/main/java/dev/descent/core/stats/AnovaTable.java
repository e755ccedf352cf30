package dev.descent.core.stats;

import java.util.List;

/**
 * A factorial ANOVA of a sweep's objective over its grid axes.
 *
 * @param terms main effects in axis order, then two-way interactions; the residual is not among them
 * @param totalSumSq the corrected total sum of squares of the objective
 * @param observations how many runs went in
 * @param method how it was computed, in one sentence a user can check
 * @param notes what was left out and why (an axis with one level, an empty cell), for the user to read
 * @param replicated whether some configuration has more than one run: only then is the residual seed noise;
 *     with one run each it is what the interactions of three and more axes leave
 */
public record AnovaTable(List<AnovaRow> terms, AnovaRow residual, double totalSumSq, int observations,
    String method, List<String> notes, boolean replicated) {
  public AnovaTable {
    terms = List.copyOf(terms);
    notes = List.copyOf(notes);
  }

  /** The terms and then the residual, as {@code anova_lm} lists them. */
  public List<AnovaRow> rows() {
    return java.util.stream.Stream.concat(terms.stream(), java.util.stream.Stream.of(residual)).toList();
  }
}
