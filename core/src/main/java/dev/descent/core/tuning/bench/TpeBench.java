package dev.descent.core.tuning.bench;

import dev.descent.core.tuning.Distribution;
import dev.descent.core.tuning.Param;
import dev.descent.core.tuning.RandomSampler;
import dev.descent.core.tuning.SearchSpace;
import dev.descent.core.tuning.TpeSampler;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What one TPE proposal costs with many finished trials: the space of experiments/fashion-mnist-search.yaml
 * (a categorical, a log-uniform, a categorical batch, a stepped uniform, a conditional uniform), N finished
 * trials with a synthetic objective, and the time of each of 200 proposals after 50 to warm up: wall time, and
 * the thread's CPU time, which a loaded machine inflates less.
 *
 * <pre>java -cp cli/target/descent.jar dev.descent.core.tuning.bench.TpeBench [N=1000]</pre>
 */
public final class TpeBench {
  private TpeBench() {}

  public static void main(String[] args) {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    SearchSpace space = new SearchSpace(List.of(
        new Param("optimizer", new Distribution.Categorical(List.of("sgd", "adam", "adadelta", "adagrad", "rmsprop")), Map.of()),
        new Param("learning_rate", new Distribution.Numeric("log_uniform", 1e-4, 1, 0, true, false), Map.of()),
        new Param("batch_size", new Distribution.Categorical(List.of(64L, 128L, 256L)), Map.of()),
        new Param("dropout", new Distribution.Numeric("uniform", 0, 0.5, 0.05, false, false), Map.of()),
        new Param("momentum", new Distribution.Numeric("uniform", 0, 0.95, 0, false, false),
            Map.of("optimizer", List.of("sgd")))));
    List<TpeSampler.Trial> history = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Map<String, Object> p = RandomSampler.trial(space, 1, i, 0);
      double lr = (Double) p.get("learning_rate");
      double loss = Math.abs(Math.log10(lr) + 2.5) + (Double) p.get("dropout") + ("adam".equals(p.get("optimizer")) ? 0 : 0.3);
      history.add(new TpeSampler.Trial(p, TpeSampler.State.FINISHED, 20, loss));
    }
    TpeSampler tpe = new TpeSampler(space, 7);
    java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
    double[] ms = new double[200];
    double[] cpuMs = new double[200];
    for (int k = -50; k < ms.length; k++) {
      long t0 = System.nanoTime();
      long c0 = cpu.getCurrentThreadCpuTime();
      tpe.propose(n + k + 50, history);
      if (k >= 0) {
        ms[k] = (System.nanoTime() - t0) / 1e6;
        cpuMs[k] = (cpu.getCurrentThreadCpuTime() - c0) / 1e6;
      }
    }
    Arrays.sort(ms);
    Arrays.sort(cpuMs);
    System.out.printf(Locale.ROOT, "TPE proposal with %d finished trials (5 params, one conditional), %d proposals:"
        + " wall median %.2f ms (p90 %.2f); thread CPU median %.2f ms (p90 %.2f)%n", n, ms.length, ms[ms.length / 2],
        ms[(int) (ms.length * 0.9)], cpuMs[cpuMs.length / 2], cpuMs[(int) (cpuMs.length * 0.9)]);
  }
}
