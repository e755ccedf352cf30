package dev.descent.bench;

import dev.descent.core.data.DataSplits;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The same network in DL4J: {@link MultiLayerNetwork} 784-256-128-10, ReLU/ReLU/softmax with
 * multi-class cross-entropy, Adam(1e-3), Xavier-uniform weights, float32, on descent's training
 * arrays through {@link ShuffledBatches}. One {@code fit(iterator)} per epoch, timed around it.
 */
final class Dl4jRunner {
  private final Options options;

  Dl4jRunner(Options options) {
    this.options = options;
  }

  static MultiLayerNetwork network(int inputs, int outputs, long seed) {
    MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
        .seed(seed)
        .dataType(DataType.FLOAT)
        .updater(new Adam(1e-3))
        .weightInit(WeightInit.XAVIER_UNIFORM)
        .list()
        .layer(new DenseLayer.Builder().nIn(inputs).nOut(256).activation(Activation.RELU).build())
        .layer(new DenseLayer.Builder().nIn(256).nOut(128).activation(Activation.RELU).build())
        .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(128).nOut(outputs)
            .activation(Activation.SOFTMAX).build())
        .build();
    MultiLayerNetwork net = new MultiLayerNetwork(conf);
    net.init();
    return net;
  }

  Figures run(DataSplits data, int batch, PrintStream log) {
    Memory.collect();
    boolean reset = Memory.resetPeak();
    MultiLayerNetwork net = network(data.train().featureCount(), data.train().targets().columns(), options.seed());
    ShuffledBatches batches = new ShuffledBatches(data.train().features(), data.train().targets(), batch, options.seed());
    int n = data.train().size();
    List<Double> perEpoch = new ArrayList<>();
    List<Double> perEpochCpu = new ArrayList<>();
    List<Double> rss = new ArrayList<>();
    for (int epoch = 1; epoch <= options.epochs(); epoch++) {
      batches.reset();
      double cpu0 = Memory.processCpuSeconds();
      long t0 = System.nanoTime();
      net.fit(batches);
      double seconds = (System.nanoTime() - t0) / 1e9;
      perEpoch.add(n / seconds);
      perEpochCpu.add(n / (Memory.processCpuSeconds() - cpu0));
      rss.add(Memory.rssMb());
      if (options.verbose()) {
        log.printf("  dl4j    b=%d epoch %d: %.0f samples/s (%.0f per CPU-s), %.1f s, last batch loss %.4f,"
            + " RSS %.0f MiB (heap committed %.0f)%n", batch, epoch, n / seconds, perEpochCpu.get(epoch - 1), seconds,
            net.score(), rss.get(rss.size() - 1), Memory.heapCommittedMb());
      }
    }
    double peak = Memory.peakMb();
    double loss = net.score();
    net = null;
    Memory.collect();
    return new Figures("dl4j", batch, perEpoch, perEpochCpu, 1, peak, rss, Memory.rssMb(), loss,
        reset ? "loss is the last batch's score" : "peak RSS is cumulative (could not reset VmHWM)", "?", Double.NaN, Double.NaN);
  }
}
