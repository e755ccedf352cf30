package dev.descent.core.stats;

/**
 * One line of an ANOVA table, as statsmodels' {@code anova_lm} and {@code --json} name its columns.
 *
 * @param term an axis name ({@code learning_rate}), an interaction ({@code optimizer:learning_rate}) or
 *     {@code Residual}
 * @param sumSq the term's Type II sum of squares; for {@code Residual}, the full model's
 * @param f NaN for {@code Residual}, and when nothing is left to estimate the noise (one run per cell)
 * @param p the probability of an F this large if the term had no effect; NaN where {@code f} is
 * @param partialEtaSq {@code sumSq / (sumSq + residual sumSq)}: the share of the variance the term leaves
 *     unexplained by the others that it explains; NaN for {@code Residual}
 * @param share {@code sumSq / total sum of squares}: how much of all the variance the term explains, the
 *     figure the plain lines say
 */
public record AnovaRow(String term, double df, double sumSq, double f, double p, double partialEtaSq,
    double share) {
  public static final String RESIDUAL = "Residual";
}
