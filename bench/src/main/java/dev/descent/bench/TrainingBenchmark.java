package dev.descent.bench;

import dev.descent.bench.profile.DescentProfile;
import dev.descent.bench.profile.JfrBreakdown;
import dev.descent.core.Json;
import dev.descent.core.data.DataSplits;
import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Training throughput of descent against DL4J and PyTorch on Fashion-MNIST, 784-256-128-10 with Adam,
 * at several batch sizes, in one process with the same data, seed and thread settings; with
 * {@code --profile}, where descent's step spends its time. See docs/benchmarks.md.
 *
 * <p>Exit codes: 0 done, 1 a run failed, 2 bad usage.
 */
public final class TrainingBenchmark {
  private TrainingBenchmark() {}

  public static void main(String[] args) {
    PrintStream out = System.out;
    Options options;
    try {
      options = Options.parse(args);
    } catch (Options.HelpRequested e) {
      out.print(Options.USAGE);
      return;
    } catch (IllegalArgumentException e) {
      System.err.println("bench: " + e.getMessage());
      System.err.print(Options.USAGE);
      System.exit(2);
      return;
    }
    if (options.analyze() != null) {
      JfrBreakdown.of(options.analyze(), "main").print(out);
      return;
    }
    Map<String, Object> env = Environment.describe();
    out.println("environment:");
    env.forEach((k, v) -> out.printf("  %-18s %s%n", k, v));
    if (options.profile()) {
      DescentProfile.run(ProfileTarget.of(options, new DescentRunner(options)), out);
      return;
    }
    System.exit(compare(options, env, out));
  }

  private static int compare(Options options, Map<String, Object> env, PrintStream out) {
    DescentRunner descent = new DescentRunner(options);
    Dl4jRunner dl4j = new Dl4jRunner(options);
    PyTorchRunner pytorch = new PyTorchRunner(options);
    DataSplits data = options.runs("descent") || options.runs("dl4j") ? descent.data() : null;
    if (data != null) {
      out.printf("data: %s, %d training examples x %d features, %d epochs per run (first is warm-up)%n",
          options.data(), data.train().size(), data.train().featureCount(), options.epochs());
    }
    if (options.runs("pytorch") && !pytorch.available()) {
      out.println(PyTorchRunner.SKIPPED);
    }
    String ndBlas = BlasInfo.library();
    ndBlas = ndBlas + " " + BlasInfo.core(options.python(), ndBlas);
    out.println("descent and dl4j BLAS: " + ndBlas);
    List<Figures> all = new ArrayList<>();
    int failures = 0;
    for (int batch : options.batches()) {
      // measured before and after the batch's runs, the best kept: a roof taken while other work held the
      // core would flatter every framework's share of it
      Roof.Measured before = options.roofSeconds() > 0 ? Roof.measureBoth(batch, options.roofSeconds()) : null;
      double roof = before == null ? Double.NaN : before.wallGflops();
      out.printf("batch %d: sgemm roof of ND4J's OpenBLAS on one step's products %.1f GFLOP/s (%.3f MFLOP per"
          + " example; measured again after the runs)%n", batch, roof, Roof.flopsPerSample() / 1e6);
      List<Figures> ours = new ArrayList<>();
      for (String framework : Options.ORDER) {
        if (!options.runs(framework) || framework.startsWith("pytorch") && !pytorch.available()) {
          continue;
        }
        Figures f;
        try {
          f = switch (framework) {
            case "descent" -> descent.run(batch, out);
            case "dl4j" -> dl4j.run(data, batch, out);
            default -> pytorch.run(framework, batch, out);
          };
        } catch (RuntimeException e) {
          e.printStackTrace();
          f = Figures.skipped(framework, batch, "failed: " + e);
        }
        failures += f.measured() ? 0 : 1;
        if (framework.startsWith("pytorch")) {
          all.add(f);
          out.println("  " + Report.line(f));
        } else {
          ours.add(f);
          out.println("  " + Report.line(f.withBlas(ndBlas, roof)));
        }
        out.flush();
      }
      Roof.Measured after = options.roofSeconds() > 0 ? Roof.measureBoth(batch, options.roofSeconds()) : null;
      double best = after == null ? Double.NaN : Math.max(roof, after.wallGflops());
      double bestCpu = after == null ? Double.NaN : Math.max(before.cpuGflops(), after.cpuGflops());
      out.printf("  sgemm roof of ND4J's OpenBLAS after the runs %.1f GFLOP/s; the tables use %.1f per wall second,"
          + " %.1f per CPU second%n", after == null ? Double.NaN : after.wallGflops(), best, bestCpu);
      for (Figures f : ours) {
        all.add(f.withBlas(ndBlas, best).withCpuRoof(bestCpu));
      }
    }
    out.println();
    Report.table(all, out);
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("benchmark", "fashion-mnist 784-256-128-10 relu/relu/softmax adam(1e-3) float32");
    json.put("date", Instant.now().toString());
    json.put("batches", options.batches());
    json.put("limit", options.limit());
    json.put("epochs", options.epochs());
    json.put("warmup_epochs", 1);
    json.put("train_size", data == null ? options.limit() : Integer.valueOf(data.train().size()));
    json.put("environment", env);
    json.put("loadavg_end", Environment.loadAverage());
    json.put("torch", pytorch.available() ? pytorch.torchVersion() : null);
    json.put("torch_blas", options.torchBlas());
    json.put("flops_per_example", Roof.flopsPerSample());
    json.put("results", all.stream().map(Figures::asMap).toList());
    json.put("ratios", Report.ratios(all));
    out.println(Json.write(json));
    return failures == 0 ? 0 : 1;
  }
}
