package dev.descent.cli;

import dev.descent.core.train.EpochMetrics;
import dev.descent.core.train.TrainingListener;
import java.io.PrintWriter;

/**
 * Training progress: in a terminal a bar redrawn in place within the epoch, elsewhere (CI, pipes,
 * logs) one plain line per epoch and no control characters.
 */
final class ProgressPrinter implements TrainingListener {
  private static final long REDRAW_NANOS = 200_000_000L;
  private final PrintWriter out;
  private final boolean terminal;
  private int epochs;
  private int batches;
  private long lastDraw;

  ProgressPrinter(PrintWriter out, boolean terminal) {
    this.out = out;
    this.terminal = terminal;
  }

  @Override
  public void onStart(int epochs, int batches) {
    this.epochs = epochs;
    this.batches = batches;
  }

  @Override
  public void onBatch(int epoch, int batch, double loss) {
    long now = System.nanoTime();
    if (!terminal || (now - lastDraw < REDRAW_NANOS && batch < batches)) {
      return;
    }
    lastDraw = now;
    int width = 30;
    int filled = (int) ((long) width * batch / batches);
    out.printf("\repoch %d/%d [%s%s] %d/%d loss %.4f", epoch, epochs, "=".repeat(filled), " ".repeat(width - filled),
        batch, batches, loss);
    out.flush();
  }

  @Override
  public void onEpoch(EpochMetrics m) {
    if (terminal) {
      out.print("\r\033[K");
    }
    out.printf("epoch %d/%d  train loss %.4f  acc %s  val loss %s  acc %s  %.1f s  %,.0f samples/s%n", m.epoch(), epochs,
        m.trainLoss(), Summary.fmt(m.trainAccuracy()), Summary.fmt(m.valLoss()), Summary.fmt(m.valAccuracy()),
        m.epochSeconds(), m.samplesPerSecond());
    out.flush();
  }
}
