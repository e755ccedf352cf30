package dev.descent.core.nn;

import dev.descent.core.DescentException;
import dev.descent.core.ErrorCode;
import dev.descent.core.experiment.LayerSpec;
import dev.descent.core.experiment.ModelSpec;
import dev.descent.core.plugin.PluginRegistry;
import dev.descent.spi.Activation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * A feed-forward network of dense and dropout layers whose parameters live in one flat array.
 * Forward and backward passes run in {@link Pass}es that own every intermediate array for one
 * batch size and are reused batch after batch, so training allocates almost nothing per step.
 */
public final class Network {
  private final List<Layer> layers;
  private final INDArray params;
  private final INDArray grads;
  private final DataType dtype;
  private final Map<Long, Pass> passes = new HashMap<>();

  private Network(List<Layer> layers, INDArray params, INDArray grads, DataType dtype) {
    this.layers = layers;
    this.params = params;
    this.grads = grads;
    this.dtype = dtype;
  }

  /** Builds the model of an experiment for {@code inputSize} features, weights drawn from {@code seed}. */
  public static Network build(ModelSpec model, int inputSize, PluginRegistry plugins, DataType dtype, long seed) {
    String tooLarge = ModelMemory.of(model, inputSize, 0, dtype, false).problem();
    if (tooLarge != null) {
      throw new DescentException(ErrorCode.INVALID_INPUT, "model: " + tooLarge);
    }
    long count = 0;
    int in = inputSize;
    for (LayerSpec spec : model.layers()) {
      if (spec instanceof LayerSpec.Dense d) {
        count += (long) in * d.units() + d.units();
        in = d.units();
      }
    }
    INDArray params = Nd4j.create(dtype, 1, count);
    INDArray grads = Nd4j.create(dtype, 1, count);
    List<Layer> layers = new ArrayList<>();
    Random rng = new Random(seed);
    WeightInit init = WeightInit.byName(model.init());
    long offset = 0;
    in = inputSize;
    for (LayerSpec spec : model.layers()) {
      if (spec instanceof LayerSpec.Dense d) {
        long wLen = (long) in * d.units();
        if (wLen > ModelMemory.MAX_LAYER_WEIGHTS) {
          throw new DescentException(ErrorCode.INVALID_INPUT, "model: a dense layer of " + d.units() + " units on "
              + in + " inputs has " + wLen + " weights, more than the " + ModelMemory.MAX_LAYER_WEIGHTS
              + " one layer may have; use fewer units");
        }
        INDArray w = view(params, offset, in, d.units());
        INDArray b = view(params, offset + wLen, 1, d.units());
        double[] values = new double[(int) wLen];
        init.fill(values, in, d.units(), model.initStd(), rng);
        w.assign(Nd4j.create(values, new long[] {in, d.units()}, DataType.DOUBLE).castTo(dtype));
        Activation act = plugins.activation(d.activation().name()).configure(d.activation().params());
        layers.add(new DenseLayer(in, d.units(), d.activation().name(), act, w, b,
            view(grads, offset, in, d.units()), view(grads, offset + wLen, 1, d.units())));
        offset += wLen + d.units();
        in = d.units();
      } else if (spec instanceof LayerSpec.Dropout dr) {
        layers.add(new DropoutLayer(in, dr.rate()));
      }
    }
    return new Network(List.copyOf(layers), params, grads, dtype);
  }

  /** A rows × cols c-order view of {@code flat} starting at {@code offset}. */
  private static INDArray view(INDArray flat, long offset, long rows, long cols) {
    return flat.get(NDArrayIndex.point(0), NDArrayIndex.interval(offset, offset + rows * cols)).reshape('c', rows, cols);
  }

  /** The pass for a batch of {@code rows} examples, created on first use and reused. */
  public Pass pass(long rows) {
    return passes.computeIfAbsent(rows, r -> new Pass(this, r));
  }

  List<Layer> layers() {
    return layers;
  }

  /** The output layer: the last dense layer. */
  DenseLayer outputLayer() {
    for (int i = layers.size() - 1; i >= 0; i--) {
      if (layers.get(i) instanceof DenseLayer d) {
        return d;
      }
    }
    throw new IllegalStateException("no dense layer");
  }

  /** Every weight and bias array, in layer order: what the optimizer updates, one state each. */
  public List<INDArray> parameters() {
    List<INDArray> out = new ArrayList<>();
    for (Layer l : layers) {
      if (l instanceof DenseLayer d) {
        out.add(d.weights());
        out.add(d.bias());
      }
    }
    return out;
  }

  /** The gradients, aligned with {@link #parameters()}. */
  public List<INDArray> gradients() {
    List<INDArray> out = new ArrayList<>();
    for (Layer l : layers) {
      if (l instanceof DenseLayer d) {
        out.add(d.weightGrad());
        out.add(d.biasGrad());
      }
    }
    return out;
  }

  /** All parameters as one flat 1 × n array (a live view, not a copy). */
  public INDArray flatParameters() {
    return params;
  }

  /** All gradients of the last backward pass as one flat 1 × n array. */
  public INDArray flatGradients() {
    return grads;
  }

  /** Replaces every weight and bias with {@code weights}, in the order of {@link #flatParameters()}. */
  public void loadParameters(float[] weights) {
    if (weights.length != params.length()) {
      throw new IllegalArgumentException("the saved weights have " + weights.length + " values, this network has "
          + params.length() + " parameters: the model does not match");
    }
    params.assign(Nd4j.create(weights, new long[] {1, weights.length}, 'c').castTo(dtype));
  }

  public long parameterCount() {
    return params.length();
  }

  public DataType dtype() {
    return dtype;
  }

  public int inputSize() {
    return layers.get(0).inputSize();
  }

  public int outputSize() {
    return layers.get(layers.size() - 1).outputSize();
  }

  /** Layer sizes from input to output, dense layers only: {@code [784, 256, 128, 10]}. */
  public List<Integer> sizes() {
    List<Integer> s = new ArrayList<>();
    s.add(inputSize());
    layers.stream().filter(l -> l instanceof DenseLayer).forEach(l -> s.add(l.outputSize()));
    return s;
  }
}
