package dev.descent.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** Prints the figures: one line per run, then a table per batch size with the ratios. */
final class Report {
  private Report() {}

  static String line(Figures f) {
    if (!f.measured()) {
      return String.format("%-8s %s", f.framework(), f.note());
    }
    StringBuilder s = new StringBuilder(String.format("%-8s %8.0f samples/s, %.0f per CPU-s  (epochs:", f.framework(),
        f.samplesPerSecond(), f.samplesPerCpuSecond()));
    for (int i = 0; i < f.perEpoch().size(); i++) {
      s.append(String.format(" %.0f%s", f.perEpoch().get(i), i < f.warmup() ? "*" : ""));
    }
    s.append(String.format(")  peak RSS %.0f MiB  last loss %.4f", f.peakRssMb(), f.lastLoss()));
    s.append(String.format("%n           %.1f GFLOP/s of matrix products = %.0f%% of its BLAS's sgemm roof (%.1f GFLOP/s);"
        + " BLAS %s", f.achievedGflops(), 100 * f.roofShare(), f.roofGflops(), f.blas()));
    if (f.note() != null) {
      s.append(String.format("%n           %s", f.note()));
    }
    if (!f.rssPerEpochMb().isEmpty()) {
      s.append(String.format("%n           RSS after each epoch:%s MiB (growth after warm-up %+.0f MiB); %.0f MiB after"
          + " the run and a full GC", list(f.rssPerEpochMb()), f.rssGrowthMb(), f.afterGcRssMb()));
    }
    return s.toString();
  }

  private static String list(List<Double> values) {
    return values.stream().map(r -> String.format(" %.0f", r)).reduce("", String::concat);
  }

  static void table(List<Figures> all, PrintStream out) {
    out.println("samples/s after warm-up (median of the measured epochs); * in the lines above marks warm-up epochs;"
        + " pytorch = its efficient loop, pytorch-gather = x[idx] and loss.item() every step");
    out.printf("%6s %10s %10s %10s %15s %13s %16s %14s %12s %14s%n", "batch", "descent", "dl4j", "pytorch",
        "pytorch-gather", "descent/dl4j", "descent/pytorch", "descent peak", "dl4j peak", "pytorch peak");
    for (int batch : batches(all)) {
      Figures d = find(all, "descent", batch);
      Figures j = find(all, "dl4j", batch);
      Figures p = find(all, "pytorch", batch);
      Figures g = find(all, "pytorch-gather", batch);
      out.printf("%6d %10s %10s %10s %15s %13s %16s %14s %12s %14s%n", batch, sps(d), sps(j), sps(p), sps(g),
          ratio(d, j), ratio(d, p), mb(d), mb(j), mb(p));
    }
    out.println("peak: RSS high-water mark (VmHWM) of the JVM during that run, MiB; pytorch's is its own process's");
    out.println();
    out.println("matrix-product GFLOP/s achieved (" + String.format("%.3f", Roof.flopsPerSample() / 1e6)
        + " MFLOP per example) and its share of the sgemm roof of the framework's own BLAS on the step's shapes");
    out.printf("%6s %18s %18s %18s %18s%n", "batch", "descent", "dl4j", "pytorch", "pytorch-gather");
    for (int batch : batches(all)) {
      out.printf("%6d %18s %18s %18s %18s%n", batch, gflops(find(all, "descent", batch)),
          gflops(find(all, "dl4j", batch)), gflops(find(all, "pytorch", batch)),
          gflops(find(all, "pytorch-gather", batch)));
    }
    out.println("the same per CPU-second of the process, against the roof per CPU-second of the measuring thread"
        + " (steadier under load)");
    for (int batch : batches(all)) {
      out.printf("%6d %18s %18s %18s %18s%n", batch, cpuGflops(find(all, "descent", batch)),
          cpuGflops(find(all, "dl4j", batch)), cpuGflops(find(all, "pytorch", batch)),
          cpuGflops(find(all, "pytorch-gather", batch)));
    }
    out.println();
    out.println("samples per CPU-second of the process (median of the measured epochs): steadier than the above when"
        + " other work shares the cores");
    out.printf("%6s %10s %10s %10s %13s %16s%n", "batch", "descent", "dl4j", "pytorch", "descent/dl4j", "descent/pytorch");
    for (int batch : batches(all)) {
      Figures d = find(all, "descent", batch);
      Figures j = find(all, "dl4j", batch);
      Figures p = find(all, "pytorch", batch);
      out.printf("%6d %10s %10s %10s %13s %16s%n", batch, fmt(cpu(d)), fmt(cpu(j)), fmt(cpu(p)),
          fmt2(cpu(d) / cpu(j)), fmt2(cpu(d) / cpu(p)));
    }
  }

  static List<Map<String, Object>> ratios(List<Figures> all) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (int batch : batches(all)) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("batch", batch);
      m.put("descent_over_dl4j", value(find(all, "descent", batch)) / value(find(all, "dl4j", batch)));
      m.put("descent_over_pytorch", value(find(all, "descent", batch)) / value(find(all, "pytorch", batch)));
      m.put("cpu_descent_over_dl4j", cpu(find(all, "descent", batch)) / cpu(find(all, "dl4j", batch)));
      m.put("cpu_descent_over_pytorch", cpu(find(all, "descent", batch)) / cpu(find(all, "pytorch", batch)));
      m.put("descent_over_pytorch_gather", value(find(all, "descent", batch)) / value(find(all, "pytorch-gather", batch)));
      Figures d = find(all, "descent", batch);
      m.put("descent_roof_share", d == null ? Double.NaN : d.roofShare());
      m.put("descent_roof_share_per_cpu_second", d == null ? Double.NaN : d.cpuRoofShare());
      out.add(m);
    }
    return out;
  }

  private static TreeSet<Integer> batches(List<Figures> all) {
    TreeSet<Integer> b = new TreeSet<>();
    all.forEach(f -> b.add(f.batch()));
    return b;
  }

  private static Figures find(List<Figures> all, String framework, int batch) {
    return all.stream().filter(f -> f.framework().equals(framework) && f.batch() == batch).findFirst().orElse(null);
  }

  private static double value(Figures f) {
    return f == null ? Double.NaN : f.samplesPerSecond();
  }

  private static double cpu(Figures f) {
    return f == null ? Double.NaN : f.samplesPerCpuSecond();
  }

  private static String fmt(double v) {
    return Double.isNaN(v) ? "-" : String.format("%.0f", v);
  }

  private static String fmt2(double v) {
    return Double.isNaN(v) ? "-" : String.format("%.2f", v);
  }

  private static String sps(Figures f) {
    double v = value(f);
    return Double.isNaN(v) ? "-" : String.format("%.0f", v);
  }

  private static String ratio(Figures a, Figures b) {
    double r = value(a) / value(b);
    return Double.isNaN(r) ? "-" : String.format("%.2f", r);
  }

  private static String gflops(Figures f) {
    return f == null || !f.measured() ? "-" : String.format("%.1f (%.0f%%)", f.achievedGflops(), 100 * f.roofShare());
  }

  private static String cpuGflops(Figures f) {
    return f == null || !f.measured() ? "-"
        : String.format("%.1f (%.0f%%)", Roof.achievedGflops(f.samplesPerCpuSecond()), 100 * f.cpuRoofShare());
  }

  private static String mb(Figures f) {
    return f == null || Double.isNaN(f.peakRssMb()) ? "-" : String.format("%.0f", f.peakRssMb());
  }
}
