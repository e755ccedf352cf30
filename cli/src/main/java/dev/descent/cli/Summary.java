package dev.descent.cli;

import dev.descent.core.env.Backend;
import dev.descent.core.experiment.Experiment;
import dev.descent.core.train.EpochMetrics;
import dev.descent.core.train.TrainingResult;
import java.io.PrintWriter;

/** The few lines a person reads after {@code descent run}. */
final class Summary {
  private Summary() {}

  static void print(PrintWriter out, Experiment exp, TrainingResult r, Backend backend) {
    out.printf("%n%s: %s after %d epoch%s%s%n", exp.name(), r.status().label(), r.epochs().size(),
        r.epochs().size() == 1 ? "" : "s", r.stoppedEarly() ? " (early stopping)" : "");
    if (r.divergence() != null) {
      out.println("  diverged: " + r.divergence().message());
    }
    if (r.test() != null) {
      out.printf("  test accuracy %s, test loss %.4f (%d examples)%n", fmt(r.test().accuracy()), r.test().loss(),
          r.test().examples());
    }
    if (r.bestEpoch() > 0) {
      EpochMetrics best = r.epochs().get(r.bestEpoch() - 1);
      out.printf("  best epoch %d: val loss %s, val accuracy %s%s%n", r.bestEpoch(), fmt(best.valLoss()),
          fmt(best.valAccuracy()), exp.training().earlyStopping() != null && exp.training().earlyStopping().restoreBest()
              ? " (its weights were kept)" : "");
    }
    out.printf("  %.1f s, %,.0f samples/s, %,d parameters%n", r.seconds(), r.samplesPerSecond(), r.parameters());
    out.println("  " + backend.describe());
  }

  static String fmt(double v) {
    return Double.isNaN(v) ? "-" : String.format("%.4f", v);
  }
}
