package dev.descent.bench;

import dev.descent.core.data.DataSplits;
import dev.descent.core.data.Datasets;
import dev.descent.core.experiment.Experiment;
import dev.descent.core.experiment.ExperimentParser;
import dev.descent.core.plugin.PluginRegistry;
import dev.descent.core.train.EpochMetrics;
import dev.descent.core.train.RunStatus;
import dev.descent.core.train.Trainer;
import dev.descent.core.train.TrainingListener;
import dev.descent.core.train.TrainingResult;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Trains 784-256-128-10 (ReLU, ReLU, softmax; Adam 1e-3) through descent's real engine: an
 * experiment parsed from YAML by {@link ExperimentParser}, data from {@link Datasets#load}, and
 * {@link Trainer#train}, exactly the path {@code descent run} takes. No dropout, no validation
 * split, a 1000-example test set so the final evaluation stays short (it is not timed anyway).
 */
final class DescentRunner {
  private static final int TEST_LIMIT = 1000;
  private final PluginRegistry plugins = PluginRegistry.discover(DescentRunner.class.getClassLoader());
  private final ExperimentParser parser = new ExperimentParser(plugins);
  private final Options options;

  DescentRunner(Options options) {
    this.options = options;
  }

  /** The experiment file this benchmark runs at {@code batch} for {@code epochs}. */
  String yaml(int batch, int epochs) {
    return """
        name: bench-descent-b%d
        dataset:
          name: fashion-mnist
          directory: "%s"
          validation_split: 0
          test_limit: %d
          seed: %d
        %s
        model:
          layers:
            - {type: dense, units: 256, activation: relu}
            - {type: dense, units: 128, activation: relu}
            - {type: dense, units: 10, activation: softmax}
          loss: softmax_cross_entropy
          init: xavier_uniform
        training:
          optimizer: {name: adam, learning_rate: 0.001}
          batch_size: %d
          epochs: %d
          seed: %d
          dtype: float32
        """.formatted(batch, options.data().toAbsolutePath(), TEST_LIMIT, options.seed(),
        options.limit() == null ? "" : "  limit: " + options.limit(), batch, epochs, options.seed());
  }

  Experiment experiment(int batch, int epochs) {
    return parser.parse(yaml(batch, epochs), "bench-descent-b" + batch, Path.of("."));
  }

  /** The training data every framework uses: loaded once, cached by {@link Datasets}. */
  DataSplits data() {
    return Datasets.load(experiment(128, 1).dataset());
  }

  Figures run(int batch, PrintStream log) {
    return run(batch, options.epochs(), log, TrainingListener.NONE);
  }

  /** Trains at {@code batch}; {@code extra} hears every epoch too (the profiler starts and stops JFR from it). */
  Figures run(int batch, int epochs, PrintStream log, TrainingListener extra) {
    Experiment exp = experiment(batch, epochs);
    DataSplits data = Datasets.load(exp.dataset());
    List<Double> perEpoch = new ArrayList<>();
    List<Double> perEpochCpu = new ArrayList<>();
    double[] cpuMark = {Double.NaN};
    List<Double> rss = new ArrayList<>();
    double[] lastLoss = {Double.NaN};
    Memory.collect();
    boolean reset = Memory.resetPeak();
    TrainingResult result = new Trainer(plugins).train(exp, data, new TrainingListener() {
      @Override
      public void onStart(int epochsAtMost, int batches) {
        cpuMark[0] = Memory.processCpuSeconds();
        extra.onStart(epochsAtMost, batches);
      }

      @Override
      public void onEpoch(EpochMetrics m) {
        perEpoch.add(m.samplesPerSecond());
        double cpu = Memory.processCpuSeconds();
        perEpochCpu.add(data.train().size() / (cpu - cpuMark[0]));
        cpuMark[0] = cpu;
        rss.add(Memory.rssMb());
        lastLoss[0] = m.trainLoss();
        if (options.verbose()) {
          log.printf("  descent b=%d epoch %d: %.0f samples/s (%.0f per CPU-s), %.1f s, train loss %.4f, accuracy %.4f,"
              + " RSS %.0f MiB (heap committed %.0f)%n", batch, m.epoch(), m.samplesPerSecond(),
              perEpochCpu.get(perEpochCpu.size() - 1), m.epochSeconds(), m.trainLoss(), m.trainAccuracy(),
              rss.get(rss.size() - 1), Memory.heapCommittedMb());
        }
        extra.onEpoch(m);
      }
    });
    String note = result.status() == RunStatus.FINISHED ? null : "status " + result.status();
    if (!reset) {
      note = (note == null ? "" : note + "; ") + "peak RSS is cumulative (could not reset VmHWM)";
    }
    double peak = Memory.peakMb();
    Memory.collect();
    return new Figures("descent", batch, perEpoch, perEpochCpu, 1, peak, rss, Memory.rssMb(), lastLoss[0], note,
        "?", Double.NaN, Double.NaN);
  }
}
