package dev.descent.bench;

import java.util.List;
import java.util.Random;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;

/**
 * An in-memory {@link DataSetIterator} over descent's own feature and one-hot target arrays, reshuffled
 * with a seeded {@link Random} at every reset and gathered with {@code Nd4j.pullRows}: the same data,
 * the same shuffling and the same gathering as descent's trainer, so the comparison measures the
 * training step. Synchronous ({@link #asyncSupported()} is false), as descent's loop is: DL4J would
 * otherwise prefetch on a second thread, which the other frameworks do not get.
 */
final class ShuffledBatches implements DataSetIterator {
  private static final long serialVersionUID = 1L;
  private final transient INDArray features;
  private final transient INDArray targets;
  private final int batch;
  private final Random random;
  private int[] order;
  private int cursor;
  private transient DataSetPreProcessor preProcessor;

  ShuffledBatches(INDArray features, INDArray targets, int batch, long seed) {
    this.features = features;
    this.targets = targets;
    this.batch = batch;
    this.random = new Random(seed);
    reset();
  }

  @Override
  public boolean hasNext() {
    return cursor < order.length;
  }

  @Override
  public DataSet next() {
    return next(batch);
  }

  @Override
  public DataSet next(int num) {
    int end = Math.min(order.length, cursor + num);
    int[] rows = java.util.Arrays.copyOfRange(order, cursor, end);
    cursor = end;
    DataSet ds = new DataSet(Nd4j.pullRows(features, 1, rows), Nd4j.pullRows(targets, 1, rows));
    if (preProcessor != null) {
      preProcessor.preProcess(ds);
    }
    return ds;
  }

  @Override
  public void reset() {
    int n = features.rows();
    order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    cursor = 0;
  }

  @Override
  public int inputColumns() {
    return features.columns();
  }

  @Override
  public int totalOutcomes() {
    return targets.columns();
  }

  @Override
  public boolean resetSupported() {
    return true;
  }

  @Override
  public boolean asyncSupported() {
    return false;
  }

  @Override
  public int batch() {
    return batch;
  }

  @Override
  public void setPreProcessor(DataSetPreProcessor preProcessor) {
    this.preProcessor = preProcessor;
  }

  @Override
  public DataSetPreProcessor getPreProcessor() {
    return preProcessor;
  }

  @Override
  public List<String> getLabels() {
    return null;
  }
}
