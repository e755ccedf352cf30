package dev.descent.core.stats;

/**
 * A {@link Comparison} as one sentence a user can act on: the difference with its bootstrap interval, whether the
 * seeds run so far settle it, and if not how many would. Accuracies are written in points (percent), losses as
 * they are.
 */
public final class Verdict {
  private Verdict() {}

  /**
   * {@code adam lr=0.001 beats rmsprop lr=0.001 by 0.4 ± 0.3 points; with 3 seeds that is not significant
   * (p = 0.09); about 6 seeds per configuration would settle a 0.4-point difference at 80% power}.
   *
   * @param metric the objective's metric, which says whether the figures are points
   */
  public static String of(Comparison c, String metric) {
    boolean points = metric.endsWith("accuracy");
    double scale = points ? 100 : 1;
    String size = Figures.sig(c.difference() * scale);
    String plusMinus = Double.isNaN(c.ciLow()) ? "" : " ± " + Figures.sig((c.ciHigh() - c.ciLow()) / 2 * scale);
    StringBuilder s = new StringBuilder(c.best()).append(c.difference() > 0 ? " beats " : " ties with ")
        .append(c.other());
    if (c.difference() > 0) {
      s.append(" by ").append(size).append(plusMinus).append(points ? " points" : " (" + metric + ")");
    }
    String seeds = c.bestSeeds() == c.otherSeeds() ? plural(c.bestSeeds())
        : c.bestSeeds() + " and " + plural(c.otherSeeds());
    if (Double.isNaN(c.p())) {
      return s.append("; with ").append(seeds).append(" there is no telling whether that is noise: run 2 or more")
          .append(" seeds per configuration").toString();
    }
    s.append("; with ").append(seeds).append(" that is ").append(c.significant() ? "" : "not ")
        .append("significant (").append(Figures.p(c.p())).append(')');
    if (!c.significant() && c.seedsNeeded() > Math.max(c.bestSeeds(), c.otherSeeds())) {
      s.append("; about ").append(c.seedsNeeded()).append(" seeds per configuration would settle a ").append(size)
          .append(points ? "-point" : "").append(" difference at ").append(Math.round(WinnerTest.POWER * 100))
          .append("% power");
    }
    return s.toString();
  }

  private static String plural(int seeds) {
    return seeds + (seeds == 1 ? " seed" : " seeds");
  }
}
