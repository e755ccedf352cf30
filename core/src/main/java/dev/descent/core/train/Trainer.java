package dev.descent.core.train;

import dev.descent.core.data.DataSplits;
import dev.descent.core.experiment.EarlyStopping;
import dev.descent.core.experiment.Experiment;
import dev.descent.core.experiment.ExperimentException;
import dev.descent.core.experiment.TrainingSpec;
import dev.descent.core.nn.Network;
import dev.descent.core.plugin.PluginRegistry;
import dev.descent.spi.FusedLoss;
import dev.descent.spi.Loss;
import dev.descent.spi.Optimizer;
import dev.descent.spi.ParameterState;
import dev.descent.spi.Problem;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Trains one experiment by mini-batch gradient descent: each epoch shuffles the training set with
 * the run's seed, and for every batch runs forward, backpropagates and lets the optimizer step each
 * parameter. Evaluates on the validation set after every epoch, applies early stopping, stops with
 * {@link RunStatus#DIVERGED} when the loss stops being finite, and evaluates the kept weights on
 * the test set at the end.
 */
public final class Trainer {
  private final PluginRegistry plugins;

  public Trainer(PluginRegistry plugins) {
    this.plugins = plugins;
  }

  public TrainingResult train(Experiment exp, DataSplits data, TrainingListener listener) {
    TrainingSpec spec = exp.training();
    DataType dtype = "float64".equals(spec.dtype()) ? DataType.DOUBLE : DataType.FLOAT;
    Network net = Network.build(exp.model(), data.train().featureCount(), plugins, dtype, spec.seed());
    int outputs = exp.model().outputLayer().units();
    LabelledData train = fit(data.train(), outputs, dtype, exp, "training");
    LabelledData val = fit(data.validation(), outputs, dtype, exp, "validation");
    LabelledData test = fit(data.test(), outputs, dtype, exp, "test");
    Loss loss = plugins.loss(exp.model().loss().name()).configure(exp.model().loss().params());
    Optional<FusedLoss> fused = loss.fusedWith(exp.model().outputLayer().activation().name());
    Optimizer optimizer = plugins.optimizer(spec.optimizer().name()).configure(spec.optimizer().params());
    String modelPlugins = "activations " + exp.model().layers().stream()
        .filter(l -> l instanceof dev.descent.core.experiment.LayerSpec.Dense)
        .map(l -> ((dev.descent.core.experiment.LayerSpec.Dense) l).activation().name()).distinct()
        .collect(java.util.stream.Collectors.joining(", ")) + "; loss " + exp.model().loss().name();
    return new Loop(net, train, val, loss, fused, optimizer, spec, listener, modelPlugins).run(test);
  }

  /**
   * Evaluates given weights on a dataset's test set without training: how a stored run's artifact is
   * checked again ({@code descent runs evaluate}).
   */
  public Evaluation evaluate(Experiment exp, DataSplits data, float[] weights) {
    DataType dtype = "float64".equals(exp.training().dtype()) ? DataType.DOUBLE : DataType.FLOAT;
    Network net = Network.build(exp.model(), data.test().featureCount(), plugins, dtype, exp.training().seed());
    net.loadParameters(weights);
    LabelledData test = fit(data.test(), exp.model().outputLayer().units(), dtype, exp, "test");
    Loss loss = plugins.loss(exp.model().loss().name()).configure(exp.model().loss().params());
    return Evaluator.evaluate(net, test, loss, loss.fusedWith(exp.model().outputLayer().activation().name()));
  }

  private static LabelledData fit(dev.descent.core.data.Examples ex, int outputs, DataType dtype, Experiment exp, String which) {
    LabelledData d = LabelledData.of(ex, outputs, dtype);
    if (d == null) {
      String need = ex.numClasses() == 0 ? ex.targets().columns() + " (the number of target columns)"
          : ex.numClasses() + " (one per class)" + (ex.numClasses() == 2 ? " or 1 (a sigmoid unit)" : "");
      throw new ExperimentException(exp.name(), List.of(new Problem("model.layers[last].units",
          "was " + outputs + " but the " + which + " data of dataset '" + exp.dataset().name() + "' needs " + need)));
    }
    return d;
  }

  /** The state of one training run. */
  private static final class Loop {
    private final Network net;
    private final LabelledData train;
    private final LabelledData val;
    private final Loss loss;
    private final Optional<FusedLoss> fused;
    private final Optimizer optimizer;
    private final TrainingSpec spec;
    private final TrainingListener listener;
    private final List<ParameterState> states = new ArrayList<>();
    private final BatchRows batchRows;
    private final Random shuffle;
    private final org.nd4j.linalg.api.rng.Random dropout;
    /** The model's activations and loss, named in failure messages. */
    private final String modelPlugins;

    Loop(Network net, LabelledData train, LabelledData val, Loss loss, Optional<FusedLoss> fused,
        Optimizer optimizer, TrainingSpec spec, TrainingListener listener, String modelPlugins) {
      this.modelPlugins = modelPlugins;
      this.net = net;
      this.train = train;
      this.val = val;
      this.loss = loss;
      this.fused = fused;
      this.optimizer = optimizer;
      this.spec = spec;
      this.listener = listener;
      net.parameters().forEach(p -> states.add(optimizer.newState(p)));
      batchRows = new BatchRows(train.features(), train.targets());
      shuffle = new Random(spec.seed() * 0x9E3779B97F4A7C15L + 1);
      dropout = Nd4j.getRandomFactory().getNewRandomInstance(spec.seed() + 2);
    }

    TrainingResult run(LabelledData test) {
      long started = System.nanoTime();
      int n = train.size();
      int batches = (n + spec.batchSize() - 1) / spec.batchSize();
      listener.onStart(spec.epochs(), batches);
      EarlyStopping early = spec.earlyStopping();
      String monitor = early != null ? early.monitor() : val.size() > 0 ? "val_loss" : "train_loss";
      EarlyStopping best = early != null ? early : new EarlyStopping(monitor, "min", Integer.MAX_VALUE, 0, false);
      List<EpochMetrics> epochs = new ArrayList<>();
      double bestValue = Double.NaN;
      int bestEpoch = 0;
      INDArray bestParams = null;
      long samples = 0;
      boolean stoppedEarly = false;
      for (int epoch = 1; epoch <= spec.epochs(); epoch++) {
        long t0 = System.nanoTime();
        int[] order = permutation(n);
        double lossSum = 0;
        long hits = 0;
        for (int b = 0; b < batches; b++) {
          int from = b * spec.batchSize();
          int[] rows = Arrays.copyOfRange(order, from, Math.min(n, from + spec.batchSize()));
          INDArray[] xy = batchRows.gather(rows);
          var pass = net.pass(rows.length);
          INDArray out;
          double l;
          try {
            out = pass.forward(xy[0], dropout);
            l = pass.loss(loss, fused, xy[1]);
          } catch (RuntimeException e) {
            throw new TrainingFailure("the forward pass (" + modelPlugins + ")", epoch, b + 1, e);
          }
          if (!Double.isFinite(l)) {
            Divergence d = new Divergence(epoch, b + 1, l);
            return new TrainingResult(RunStatus.DIVERGED, epochs, bestEpoch, null, d, false,
                seconds(started), samples / Math.max(1e-9, seconds(started)), net.parameterCount(), null);
          }
          lossSum += l * rows.length;
          hits += train.correct(out, rows, 0);
          try {
            pass.backward(loss, fused, xy[1]);
          } catch (RuntimeException e) {
            throw new TrainingFailure("backpropagation (" + modelPlugins + ")", epoch, b + 1, e);
          }
          step(epoch, b + 1);
          samples += rows.length;
          listener.onBatch(epoch, b + 1, l);
        }
        double trainSeconds = seconds(t0);
        Evaluation v = Evaluator.evaluate(net, val, loss, fused);
        double trainAcc = train.accuracy() == LabelledData.Accuracy.NONE ? Double.NaN : (double) hits / n;
        EpochMetrics m = new EpochMetrics(epoch, lossSum / n, trainAcc, v.loss(), v.accuracy(),
            optimizer.learningRate(), seconds(t0), n / trainSeconds);
        epochs.add(m);
        listener.onEpoch(m);
        double value = m.get(monitor);
        if (best.improves(value, bestValue)) {
          bestValue = value;
          bestEpoch = epoch;
          if (early != null && early.restoreBest()) {
            bestParams = bestParams == null ? net.flatParameters().dup() : bestParams.assign(net.flatParameters());
          }
        } else if (early != null && epoch - bestEpoch >= early.patience()) {
          stoppedEarly = epoch < spec.epochs();
          break;
        }
      }
      if (bestParams != null) {
        net.flatParameters().assign(bestParams);
      }
      Evaluation t = Evaluator.evaluate(net, test, loss, fused);
      double secs = seconds(started);
      return new TrainingResult(RunStatus.FINISHED, epochs, bestEpoch, t, null, stoppedEarly, secs,
          samples / Math.max(1e-9, secs), net.parameterCount(),
          net.flatParameters().castTo(DataType.FLOAT).toFloatVector());
    }

    /** Lets the optimizer update every parameter; a throwing optimizer plugin fails the run by name. */
    private void step(int epoch, int batch) {
      List<INDArray> params = net.parameters();
      List<INDArray> grads = net.gradients();
      try {
        for (int i = 0; i < states.size(); i++) {
          states.get(i).step(params.get(i), grads.get(i));
        }
      } catch (RuntimeException e) {
        throw new TrainingFailure("optimizer '" + spec.optimizer().name() + "'", epoch, batch, e);
      }
    }

    private int[] permutation(int n) {
      int[] p = new int[n];
      for (int i = 0; i < n; i++) {
        p[i] = i;
      }
      for (int i = n - 1; i > 0; i--) {
        int j = shuffle.nextInt(i + 1);
        int t = p[i];
        p[i] = p[j];
        p[j] = t;
      }
      return p;
    }

    private static double seconds(long since) {
      return (System.nanoTime() - since) / 1e9;
    }
  }
}
