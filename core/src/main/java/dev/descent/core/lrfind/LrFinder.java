package dev.descent.core.lrfind;

import dev.descent.core.DescentException;
import dev.descent.core.ErrorCode;
import dev.descent.core.data.Examples;
import dev.descent.core.experiment.Experiment;
import dev.descent.core.experiment.TrainingSpec;
import dev.descent.core.nn.Network;
import dev.descent.core.nn.Pass;
import dev.descent.core.plugin.PluginRegistry;
import dev.descent.spi.FusedLoss;
import dev.descent.spi.Loss;
import dev.descent.spi.Optimizer;
import dev.descent.spi.ParameterState;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.Consumer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Runs the range test on an experiment's model, optimizer, batch size and seed: at most one epoch of full batches
 * in a seeded shuffled order, the learning rate of step i from {@link LrRange}.
 *
 * <p>The optimizer plugin keeps its configured learning rate; each step's change of the weights is scaled by
 * {@code lr(i) / configured}. That is exactly a step at {@code lr(i)} for every optimizer whose step is
 * proportional to its learning rate with state that does not depend on it (sgd with or without momentum as
 * PyTorch writes it, adam, rmsprop, adagrad, adadelta, as fastai sets {@code opt.lr} on PyTorch's), and needs no
 * change to the plugin interface.
 *
 * <p>It stops when the smoothed loss exceeds 4 × its minimum so far (fastai's {@code stop_div}) or a batch loss is
 * not finite.
 */
public final class LrFinder {
  /** fastai's divergence threshold: the smoothed loss over this many times its best. */
  public static final double DIVERGED = 4;

  private final PluginRegistry plugins;

  public LrFinder(PluginRegistry plugins) {
    this.plugins = plugins;
  }

  /**
   * @param steps how many steps at most; fewer when one epoch has fewer full batches
   * @param onStep hears of each point as it is taken (progress)
   */
  public LrFindResult run(Experiment exp, Examples train, int steps, Consumer<LrPoint> onStep) {
    long started = System.nanoTime();
    TrainingSpec spec = exp.training();
    DataType dtype = "float64".equals(spec.dtype()) ? DataType.DOUBLE : DataType.FLOAT;
    int batch = spec.batchSize();
    int batches = train.size() / batch;
    if (batches < 2) {
      throw new DescentException(ErrorCode.INVALID_INPUT, "lr-find needs at least 2 full batches of "
          + batch + " in one epoch; the training set has " + train.size() + " examples");
    }
    LrRange range = new LrRange(LrRange.START, LrRange.END, Math.min(steps, batches));
    Network net = Network.build(exp.model(), train.featureCount(), plugins, dtype, spec.seed());
    INDArray x = cast(train.features(), dtype);
    INDArray y = targets(train, net.outputSize(), dtype);
    Loss loss = plugins.loss(exp.model().loss().name()).configure(exp.model().loss().params());
    Optional<FusedLoss> fused = loss.fusedWith(exp.model().outputLayer().activation().name());
    Optimizer optimizer = plugins.optimizer(spec.optimizer().name()).configure(spec.optimizer().params());
    double configured = optimizer.learningRate();
    if (!(configured > 0)) {
      throw new DescentException(ErrorCode.INVALID_INPUT, "lr-find: optimizer '" + spec.optimizer().name()
          + "' reports no learning rate (" + configured + "), so its steps cannot be scaled");
    }
    List<ParameterState> states = new ArrayList<>();
    net.parameters().forEach(p -> states.add(optimizer.newState(p)));
    int[] order = permutation(train.size(), new Random(spec.seed() * 0x9E3779B97F4A7C15L + 1));
    var dropout = Nd4j.getRandomFactory().getNewRandomInstance(spec.seed() + 2);
    INDArray xb = Nd4j.create(dtype, batch, x.columns());
    INDArray yb = Nd4j.create(dtype, batch, y.columns());
    INDArray before = net.flatParameters().dup();
    Pass pass = net.pass(batch);
    SmoothedLoss smoother = new SmoothedLoss();
    List<LrPoint> points = new ArrayList<>();
    double best = Double.POSITIVE_INFINITY;
    String stopped = null;
    for (int i = 0; i < range.steps(); i++) {
      int[] rows = java.util.Arrays.copyOfRange(order, i * batch, (i + 1) * batch);
      Nd4j.pullRows(x, xb, 1, rows);
      Nd4j.pullRows(y, yb, 1, rows);
      pass.forward(xb, dropout);
      double l = pass.loss(loss, fused, yb);
      if (!Double.isFinite(l)) {
        stopped = "the loss was " + l + " at lr " + LrFindRecord.rounded(range.lr(i));
        break;
      }
      double smoothed = smoother.add(l);
      LrPoint p = new LrPoint(i + 1, range.lr(i), l, smoothed);
      points.add(p);
      onStep.accept(p);
      if (smoothed > DIVERGED * best) {
        stopped = "the smoothed loss passed " + (int) DIVERGED + " × its minimum at lr "
            + LrFindRecord.rounded(range.lr(i));
        break;
      }
      best = Math.min(best, smoothed);
      pass.backward(loss, fused, yb);
      before.assign(net.flatParameters());
      List<INDArray> params = net.parameters();
      List<INDArray> grads = net.gradients();
      for (int k = 0; k < states.size(); k++) {
        states.get(k).step(params.get(k), grads.get(k));
      }
      net.flatParameters().subi(before).muli(range.lr(i) / configured).addi(before);
    }
    return new LrFindResult(points, LrSuggestion.of(points, range.steps()), stopped, range.steps(),
        (System.nanoTime() - started) / 1e9);
  }

  /** One-hot targets as the network's outputs need them, or the label column for a single sigmoid unit. */
  private static INDArray targets(Examples train, int outputs, DataType dtype) {
    if (train.targets().columns() == outputs) {
      return cast(train.targets(), dtype);
    }
    if (outputs == 1 && train.numClasses() == 2) {
      double[] col = new double[train.size()];
      for (int i = 0; i < col.length; i++) {
        col[i] = train.labels()[i];
      }
      return Nd4j.create(col, new long[] {col.length, 1}, DataType.DOUBLE).castTo(dtype);
    }
    throw new DescentException(ErrorCode.INVALID_INPUT, "lr-find: the model has " + outputs + " outputs but the"
        + " data has " + train.targets().columns() + " target columns; `descent run` explains what fits");
  }

  private static INDArray cast(INDArray a, DataType dtype) {
    return a.dataType() == dtype ? a : a.castTo(dtype);
  }

  private static int[] permutation(int n, Random random) {
    int[] p = new int[n];
    for (int i = 0; i < n; i++) {
      p[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = p[i];
      p[i] = p[j];
      p[j] = t;
    }
    return p;
  }
}
