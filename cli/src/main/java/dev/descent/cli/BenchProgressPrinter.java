package dev.descent.cli;

import dev.descent.core.Numbers;
import dev.descent.core.optbench.BenchProblem;
import dev.descent.core.optbench.BenchProgress;
import dev.descent.core.optbench.BenchResult;
import dev.descent.core.optbench.OptimizerOutcome;
import dev.descent.core.optbench.ProblemOutcome;
import java.io.PrintWriter;
import java.util.Locale;

/** Prints the bench's progress as plain lines (one per phase and per ended run, with an ETA) and its summary. */
final class BenchProgressPrinter implements BenchProgress {
  private final PrintWriter out;

  BenchProgressPrinter(PrintWriter out) {
    this.out = out;
  }

  @Override
  public synchronized void onPhase(BenchProblem problem, String phase, int cells) {
    out.printf("%s: %s, %d runs (%s)%n", problem.name(), phase.equals("tune") ? "tuning the learning rate"
        : "rerunning the best rates with fresh seeds", cells, problem.title());
    out.flush();
  }

  @Override
  public synchronized void onTrial(Trial t) {
    out.printf(Locale.ROOT, "[%d/%d, ETA %s] %s %s %s lr=%s seed %d: %s%s%n", t.done(), t.total(), eta(t.etaSeconds()),
        t.problem(), t.phase(), t.optimizer(), Numbers.plain(t.lr()), t.seed(), t.outcome(),
        Double.isNaN(t.seconds()) ? "" : String.format(Locale.ROOT, " in %.1f s", t.seconds()));
    out.flush();
  }

  private static String eta(double seconds) {
    if (Double.isNaN(seconds)) {
      return "?";
    }
    long s = Math.round(seconds);
    return s >= 60 ? s / 60 + " min " + s % 60 + " s" : s + " s";
  }

  /** One line per problem and optimizer, then the comparison lines. */
  static void summary(PrintWriter out, BenchResult r) {
    out.printf(Locale.ROOT, "%nbench-optimizer %s: %d problems in %.0f s%n", r.spec().candidate(), r.problems().size(),
        r.seconds());
    for (ProblemOutcome p : r.problems()) {
      out.printf("%s (%s, mean ± 95%% CI over seeds; epochs to %s):%n", p.problem().name(), p.problem().testMetric(),
          p.problem().targetText());
      for (OptimizerOutcome o : p.optimizers()) {
        var m = o.testInterval();
        out.printf(Locale.ROOT, "  %-10s lr=%-8s %s%s   epochs to target %s%n", o.optimizer(),
            o.lr() == null ? "none" : Numbers.plain(o.lr()), Double.isNaN(m.mean()) ? "-" : String.format(Locale.ROOT,
                "%.4f", m.mean()), Double.isNaN(m.halfWidth()) ? "" : String.format(Locale.ROOT, " ± %.4f", m.halfWidth()),
            Double.isNaN(o.meanEpochsToTarget()) ? "not reached" : String.format(Locale.ROOT, "%.1f (%d/%d seeds)",
                o.meanEpochsToTarget(), o.reached(), o.test().length));
      }
      p.verdicts().forEach(v -> out.println("  " + v));
    }
  }
}
