package dev.descent.core.stats;

import java.util.List;

/**
 * How much each parameter of a random or TPE search matters, by PED-ANOVA ({@link PedAnova}).
 *
 * @param params most important first
 * @param trials finished trials with an objective value that went in
 * @param top how many of them formed the top quantile
 * @param gamma the top quantile asked for (0.1: the best 10%)
 */
public record Importance(List<Share> params, int trials, int top, double gamma) {
  public Importance {
    params = List.copyOf(params);
  }

  /**
   * @param share this parameter's fraction of the summed importance, 0..1
   * @param divergence the unnormalised PED-ANOVA importance: γ' times the Pearson divergence of the top
   *     trials' density from all trials' density
   * @param active over how many trials the parameter was active (fewer than all for a conditional one)
   */
  public record Share(String param, double share, double divergence, int active) {}

  /** {@code PED-ANOVA over the top 10% of 40 trials}. */
  public String method() {
    return "PED-ANOVA over the top " + Math.round(gamma * 100) + "% of " + trials + " trials";
  }
}
