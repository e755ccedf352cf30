package dev.descent.core.train;

import dev.descent.core.nn.Network;
import dev.descent.core.nn.Pass;
import dev.descent.spi.FusedLoss;
import dev.descent.spi.Loss;
import java.util.Optional;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** Runs a network without dropout over a data set in chunks and averages loss and accuracy. */
final class Evaluator {
  private static final int CHUNK = 2000;

  private Evaluator() {}

  static Evaluation evaluate(Network net, LabelledData data, Loss loss, Optional<FusedLoss> fused) {
    int n = data.size();
    if (n == 0) {
      return new Evaluation(Double.NaN, Double.NaN, 0);
    }
    double lossSum = 0;
    long hits = 0;
    for (int start = 0; start < n; start += CHUNK) {
      int end = Math.min(n, start + CHUNK);
      INDArray x = data.features().get(NDArrayIndex.interval(start, end), NDArrayIndex.all());
      INDArray y = data.targets().get(NDArrayIndex.interval(start, end), NDArrayIndex.all());
      Pass pass = net.pass(end - start);
      INDArray out = pass.forward(x, null);
      lossSum += pass.loss(loss, fused, y) * (end - start);
      hits += data.correct(out, null, start);
    }
    double acc = data.accuracy() == LabelledData.Accuracy.NONE ? Double.NaN : (double) hits / n;
    return new Evaluation(lossSum / n, acc, n);
  }
}
