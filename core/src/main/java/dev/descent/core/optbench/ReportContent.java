package dev.descent.core.optbench;

import dev.descent.core.Numbers;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** What the report says, as blocks both renderers share: the protocol, the summary, the profiles, each problem. */
final class ReportContent {
  static final double[] TAUS = {1, 1.05, 1.1, 1.25, 1.5, 2, 4};

  private ReportContent() {}

  static List<ReportBlock> of(BenchResult r, String command) {
    BenchSpec spec = r.spec();
    List<ReportBlock> b = new ArrayList<>();
    b.add(new ReportBlock.Heading(1, "bench-optimizer: " + spec.candidate() + " against "
        + String.join(", ", spec.optimizers().subList(1, spec.optimizers().size()))));
    b.add(new ReportBlock.Paragraph("`" + command + "`, started "
        + DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC).format(r.started())
        + ", took " + duration(r.seconds()) + "; runs in the store " + r.store() + "."));
    if (!r.machine().isEmpty()) {
      b.add(new ReportBlock.Bullets(r.machine()));
    }
    b.add(new ReportBlock.Paragraph(protocol(spec)));
    b.add(new ReportBlock.Heading(2, "Summary: test metric, mean ± 95% CI over " + spec.seeds() + " seeds"));
    b.add(summary(r));
    b.add(new ReportBlock.Heading(2, "Performance profiles"));
    b.add(new ReportBlock.Paragraph("Dolan–Moré: for each problem, an optimizer's ratio is its cost over the best"
        + " optimizer's cost on that problem; rho(tau) is the fraction of the " + r.problems().size() + " problems on"
        + " which it is within a factor tau of the best (rho(1): the share it wins; ties count for each). Test cost:"
        + " test error (1 - accuracy) for classification, test loss for the quadratic, each the mean over seeds."
        + " Speed cost: mean epochs to the problem's target, a failure when any seed missed it."));
    b.add(profileTable("test cost", r.testProfile()));
    b.add(profileTable("epochs to target", r.speedProfile()));
    b.add(new ReportBlock.Chart(profileChart("Performance profile: test cost", r.testProfile())));
    b.add(new ReportBlock.Chart(profileChart("Performance profile: epochs to target", r.speedProfile())));
    for (ProblemOutcome p : r.problems()) {
      problem(b, p, spec);
    }
    return b;
  }

  private static String protocol(BenchSpec spec) {
    return "Protocol (after DeepOBS): only the learning rate is tuned, the same way for every optimizer: "
        + spec.budget() + " rates evenly spaced in log from " + Numbers.plain(spec.lrMin()) + " to "
        + Numbers.plain(spec.lrMax()) + " (" + String.join(", ", spec.learningRates().stream().map(Numbers::plain)
            .toList()) + "), one run each at seed " + BenchSpec.TUNING_SEED + ", ranked by the problem's validation"
        + " metric at its best epoch; each optimizer's best rate is then rerun with seeds 1.." + spec.seeds()
        + ", so the rate is never judged on the run that chose it. Every other setting (model, initialisation,"
        + " batch size, epochs, the optimizers' own defaults such as momentum or betas) is fixed per problem."
        + " Intervals are Student's t 95% intervals of the mean over seeds; the comparison lines are Welch's t-test"
        + " and a bootstrap 95% interval of the difference (descent's sweep statistics).";
  }

  private static ReportBlock summary(BenchResult r) {
    List<String> header = new ArrayList<>(List.of("problem", "metric"));
    header.addAll(r.spec().optimizers());
    List<List<String>> rows = new ArrayList<>();
    for (ProblemOutcome p : r.problems()) {
      List<String> row = new ArrayList<>(List.of(p.problem().name(), p.problem().testMetric()));
      OptimizerOutcome best = bestOf(p);
      for (OptimizerOutcome o : p.optimizers()) {
        String cell = interval(o.testInterval());
        row.add(o == best ? "**" + cell + "**" : cell);
      }
      rows.add(row);
    }
    return new ReportBlock.Table(header, rows);
  }

  private static OptimizerOutcome bestOf(ProblemOutcome p) {
    OptimizerOutcome best = null;
    for (OptimizerOutcome o : p.optimizers()) {
      double m = o.testInterval().mean();
      if (Double.isFinite(m) && (best == null || (p.problem().higherIsBetter() ? m > best.testInterval().mean()
          : m < best.testInterval().mean()))) {
        best = o;
      }
    }
    return best;
  }

  private static ReportBlock profileTable(String what, PerformanceProfile profile) {
    List<String> header = new ArrayList<>(List.of("rho(tau), " + what));
    for (double tau : TAUS) {
      header.add("tau=" + Numbers.plain(tau));
    }
    List<List<String>> rows = new ArrayList<>();
    for (String s : profile.solvers()) {
      List<String> row = new ArrayList<>(List.of(s));
      for (double tau : TAUS) {
        row.add(String.format(Locale.ROOT, "%.2f", profile.rho(s, tau)));
      }
      rows.add(row);
    }
    return new ReportBlock.Table(header, rows);
  }

  private static String profileChart(String title, PerformanceProfile profile) {
    List<Double> taus = new ArrayList<>(List.of(1.0));
    profile.breakpoints().stream().filter(t -> t > 1).forEach(taus::add);
    double last = taus.get(taus.size() - 1) * 1.25;
    taus.add(Math.max(last, 2));
    List<SvgChart.Series> series = new ArrayList<>();
    for (String s : profile.solvers()) {
      List<double[]> points = new ArrayList<>();
      for (double tau : taus) {
        points.add(new double[] {tau, profile.rho(s, tau)});
      }
      series.add(new SvgChart.Series(s, points));
    }
    return SvgChart.lines(title, "tau (ratio to the best, log)", "fraction of problems", true, true, series);
  }

  private static void problem(List<ReportBlock> b, ProblemOutcome po, BenchSpec spec) {
    BenchProblem p = po.problem();
    b.add(new ReportBlock.Heading(2, p.name() + ": " + p.title()));
    b.add(new ReportBlock.Paragraph("Size: " + p.sizing() + ". Target: " + p.targetText() + ". Sweeps: tuning `"
        + po.tuningSweepId() + "`" + (po.seedsSweepId() == null ? "" : ", reruns `" + po.seedsSweepId() + "`")
        + " (`descent sweeps show ID`); " + duration(po.seconds()) + "."));
    List<List<String>> rows = new ArrayList<>();
    for (OptimizerOutcome o : po.optimizers()) {
      MeanInterval m = o.testInterval();
      rows.add(List.of(o.optimizer(), o.lr() == null ? "none (every rate diverged or failed)" : Numbers.plain(o.lr()),
          interval(m), m.n() + "/" + o.test().length + (o.failedSeeds() > 0 ? " (" + o.failedSeeds()
              + " diverged or failed)" : ""), epochs(o)));
    }
    b.add(new ReportBlock.Table(List.of("optimizer", "chosen lr", p.testMetric() + " (mean ± 95% CI)", "seeds",
        "epochs to " + p.targetText() + " (mean; seeds that reached it)"), rows));
    b.add(new ReportBlock.Bullets(po.verdicts()));
    ReportBlock.Chart intervals = new ReportBlock.Chart(SvgChart.intervals(p.name() + ": " + p.testMetric() + " over seeds (95% CI)",
        p.testMetric(), po.optimizers().stream().map(OptimizerOutcome::label).toList(),
        po.optimizers().stream().mapToDouble(o -> o.testInterval().mean()).toArray(),
        po.optimizers().stream().mapToDouble(o -> o.testInterval().halfWidth()).toArray()));
    List<String> header = new ArrayList<>(List.of("lr"));
    po.optimizers().forEach(o -> header.add(o.optimizer()));
    List<List<String>> grid = new ArrayList<>();
    for (double lr : spec.learningRates()) {
      List<String> row = new ArrayList<>(List.of(Numbers.plain(lr)));
      for (OptimizerOutcome o : po.optimizers()) {
        Double v = o.tuning().get(lr);
        String cell = v == null ? "-" : Double.isFinite(v) ? figure(v) : "div";
        row.add(o.lr() != null && o.lr() == lr ? "**" + cell + "**" : cell);
      }
      grid.add(row);
    }
    b.add(new ReportBlock.Paragraph("Tuning: " + p.tuneMetric() + " (best epoch) at each rate, seed "
        + BenchSpec.TUNING_SEED + "; the chosen rate in bold; div = diverged or failed."));
    b.add(new ReportBlock.Table(header, grid));
    b.add(intervals);
    List<SvgChart.Series> series = new ArrayList<>();
    for (OptimizerOutcome o : po.optimizers()) {
      series.add(new SvgChart.Series(o.optimizer(), o.tuning().entrySet().stream()
          .map(e -> new double[] {e.getKey(), e.getValue()}).toList()));
    }
    b.add(new ReportBlock.Chart(SvgChart.lines(p.name() + ": tuning (" + p.tuneMetric() + " vs learning rate)",
        "learning rate (log)", p.tuneMetric(), true, false, series)));
  }

  private static String epochs(OptimizerOutcome o) {
    if (o.test().length == 0) {
      return "-";
    }
    double m = o.meanEpochsToTarget();
    return (Double.isNaN(m) ? "not reached" : String.format(Locale.ROOT, "%.1f", m)) + " (" + o.reached() + "/"
        + o.test().length + ")";
  }

  static String interval(MeanInterval m) {
    if (m.n() == 0) {
      return "-";
    }
    return figure(m.mean()) + (Double.isNaN(m.halfWidth()) ? "" : " ± " + figure(m.halfWidth()));
  }

  /** Four significant digits: {@code 0.8512}, {@code 0.0031}. */
  static String figure(double v) {
    if (!Double.isFinite(v) || v == 0) {
      return Numbers.plain(v);
    }
    return Numbers.plain(new BigDecimal(v).round(new MathContext(4)).doubleValue());
  }

  static String duration(double seconds) {
    long s = Math.round(seconds);
    return s >= 60 ? s / 60 + " min " + s % 60 + " s" : String.format(Locale.ROOT, "%.1f s", seconds);
  }
}
