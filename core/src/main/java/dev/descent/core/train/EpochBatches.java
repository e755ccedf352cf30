package dev.descent.core.train;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The training set in one epoch's shuffled order, gathered once per epoch into arrays this run owns,
 * and its batches as contiguous views of them, made once and reused every epoch. Gathering each batch
 * instead costs two native calls and two small copies per step, which at batch 32 is several percent
 * of the step; the price is one copy of the training set. The shared dataset is never written.
 */
final class EpochBatches {
  private final INDArray features;
  private final INDArray targets;
  private final INDArray shuffledFeatures;
  private final INDArray shuffledTargets;
  private final INDArray[][] views;
  private final int batchSize;

  EpochBatches(INDArray features, INDArray targets, int batchSize) {
    this.features = features;
    this.targets = targets;
    this.batchSize = batchSize;
    long n = features.rows();
    shuffledFeatures = Nd4j.create(features.dataType(), n, features.columns());
    shuffledTargets = Nd4j.create(targets.dataType(), n, targets.columns());
    views = new INDArray[(int) ((n + batchSize - 1) / batchSize)][];
  }

  /** Gathers the rows in {@code order} (a permutation of every row); returns this. */
  EpochBatches shuffle(int[] order) {
    Nd4j.pullRows(features, shuffledFeatures, 1, order);
    Nd4j.pullRows(targets, shuffledTargets, 1, order);
    return this;
  }

  /** Features and targets of batch {@code b} (from 0) of the current order: views, valid until the next shuffle. */
  INDArray[] batch(int b) {
    INDArray[] xy = views[b];
    if (xy == null) {
      long from = (long) b * batchSize;
      long to = Math.min(shuffledFeatures.rows(), from + batchSize);
      xy = new INDArray[] {rows(shuffledFeatures, from, to), rows(shuffledTargets, from, to)};
      views[b] = xy;
    }
    return xy;
  }

  private static INDArray rows(INDArray a, long from, long to) {
    return a.get(NDArrayIndex.interval(from, to), NDArrayIndex.all());
  }
}
