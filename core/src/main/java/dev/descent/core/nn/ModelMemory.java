package dev.descent.core.nn;

import dev.descent.core.experiment.LayerSpec;
import dev.descent.core.experiment.ModelSpec;
import java.util.Locale;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * What training a model will take in memory, worked out from its layer sizes before any array exists, so
 * a model too large for this JVM is refused with the sizes instead of failing inside the native allocator
 * ({@code std::bad_alloc}) or the heap. The estimate is an upper bound of what {@link Network} and the
 * trainer allocate: off the heap the weights, their gradients, {@link #STATE_COPIES} optimizer buffers per
 * weight (Adam's two moments, the most any built-in keeps), a best-epoch copy with {@code restore_best},
 * and the per-batch activations of the training and evaluation passes; on the heap the array one layer's
 * initial weights are drawn into and the final weights as floats.
 *
 * @param parameters weights and biases
 * @param offHeapBytes native (ND4J) memory needed
 * @param heapBytes Java heap needed
 */
public record ModelMemory(long parameters, double offHeapBytes, double heapBytes) {
  /** One layer's weights are drawn into one Java array, which holds at most this many values. */
  public static final long MAX_LAYER_WEIGHTS = Integer.MAX_VALUE - 8;
  /** Optimizer buffers per parameter assumed: Adam keeps two moments. */
  static final int STATE_COPIES = 2;
  /** Rows of the passes kept besides the training batch: the evaluator's chunks of 2000 rows. */
  static final int EVALUATION_ROWS = 2000;

  /** The memory of {@code model} on {@code inputSize} features in batches of {@code batchSize} (0: weights only). */
  public static ModelMemory of(ModelSpec model, long inputSize, int batchSize, DataType dtype, boolean restoreBest) {
    int width = dtype.width();
    double parameters = 0;
    double largestLayer = 0;
    double perRow = inputSize;
    long in = inputSize;
    for (LayerSpec layer : model.layers()) {
      if (layer instanceof LayerSpec.Dense d) {
        largestLayer = Math.max(largestLayer, (double) in * d.units());
        parameters += (double) in * d.units() + d.units();
        in = d.units();
      }
      perRow += 3.0 * in;
    }
    perRow += 2.0 * in;
    double rows = batchSize == 0 ? 0 : 2.0 * batchSize + EVALUATION_ROWS;
    double weights = parameters * width * (2 + STATE_COPIES + (restoreBest ? 1 : 0));
    double offHeap = weights + rows * perRow * width + largestLayer * (Double.BYTES + width) + parameters * Float.BYTES;
    double heap = largestLayer * Double.BYTES + parameters * Float.BYTES;
    return new ModelMemory((long) Math.min(Long.MAX_VALUE, parameters), offHeap, heap);
  }

  /** Why the model does not fit in the given free memory, or null when it does. */
  public String problem(double offHeapFree, double heapFree) {
    if (offHeapBytes <= offHeapFree && heapBytes <= heapFree) {
      return null;
    }
    return "the model has " + String.format(Locale.ROOT, "%,d", parameters) + " parameters and training it needs about "
        + bytes(offHeapBytes) + " of native memory (weights, gradients, optimizer state, batch activations) and "
        + bytes(heapBytes) + " of Java heap, but this JVM may use " + bytes(offHeapFree) + " native and "
        + bytes(heapFree) + " heap; use fewer or smaller layers (or a smaller batch_size), or give the JVM more "
        + "memory (JAVA_OPTS=-Xmx..., -Dorg.bytedeco.javacpp.maxbytes=...)";
  }

  /** {@link #problem(double, double)} against what this JVM has free now. */
  public String problem() {
    return problem(offHeapFree(), heapFree());
  }

  /** Native memory ND4J may still allocate: JavaCPP's limit ({@code org.bytedeco.javacpp.maxbytes}) and the machine's. */
  public static double offHeapFree() {
    long max = Pointer.maxBytes();
    double free = max > 0 ? Math.max(0, max - Pointer.totalBytes()) : Double.MAX_VALUE;
    long physical = Pointer.availablePhysicalBytes();
    return physical > 0 ? Math.min(free, physical) : free;
  }

  /** Heap this JVM may still allocate ({@code -Xmx} less what is in use). */
  public static double heapFree() {
    Runtime rt = Runtime.getRuntime();
    return rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
  }

  /** {@code 1.5 GiB}. */
  static String bytes(double b) {
    String[] units = {"bytes", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
    int u = 0;
    while (b >= 1024 && u < units.length - 1) {
      b /= 1024;
      u++;
    }
    return u == 0 ? String.format(Locale.ROOT, "%.0f bytes", b) : String.format(Locale.ROOT, "%.1f %s", b, units[u]);
  }
}
