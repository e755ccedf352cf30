package dev.descent.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one framework measured at one batch size.
 *
 * @param perEpoch      training samples per second of every epoch, warm-up included
 * @param perEpochCpu   training samples per CPU-second of the whole process, every epoch: less sensitive to
 *                      other work on the machine than wall-clock time (but GC and JIT threads count)
 * @param warmup        how many leading epochs are not measured
 * @param peakRssMb     the process's peak RSS during the run (VmHWM, reset before it when the kernel allows)
 * @param rssPerEpochMb RSS after each epoch (JVM frameworks; empty for pytorch)
 * @param afterGcRssMb  RSS after the run and a full GC (ND4J frees native buffers when their arrays are
 *                      collected): growth that disappears here was garbage awaiting GC, not a leak
 * @param lastLoss      mean training loss of the last epoch (DL4J: the score of its last batch), a sanity check
 * @param note          what else to know (skipped, error), or null
 * @param blas          the BLAS library the framework ran and OpenBLAS's kernel family ("?" when unknown)
 * @param roofGflops    the sgemm roof of that library on one step's matrix products at this batch ({@link Roof}),
 *                      measured in the same sitting; NaN when not measured
 * @param roofCpuGflops the same roof per CPU second of the measuring thread, NaN when not measured
 */
record Figures(String framework, int batch, List<Double> perEpoch, List<Double> perEpochCpu, int warmup, double peakRssMb,
    List<Double> rssPerEpochMb, double afterGcRssMb, double lastLoss, String note, String blas, double roofGflops,
    double roofCpuGflops) {

  Figures {
    perEpoch = List.copyOf(perEpoch);
    perEpochCpu = List.copyOf(perEpochCpu);
    rssPerEpochMb = List.copyOf(rssPerEpochMb);
  }

  static Figures skipped(String framework, int batch, String note) {
    return new Figures(framework, batch, List.of(), List.of(), 0, Double.NaN, List.of(), Double.NaN, Double.NaN, note,
        "?", Double.NaN, Double.NaN);
  }

  boolean measured() {
    return perEpoch.size() > warmup;
  }

  /** The median samples/s of the measured epochs (after warm-up); NaN when none were measured. */
  double samplesPerSecond() {
    return median(perEpoch);
  }

  /** The median samples per process CPU-second of the measured epochs. */
  double samplesPerCpuSecond() {
    return median(perEpochCpu);
  }

  private double median(List<Double> values) {
    if (values.size() <= warmup) {
      return Double.NaN;
    }
    List<Double> m = new ArrayList<>(values.subList(warmup, values.size()));
    m.sort(null);
    int k = m.size();
    return k % 2 == 1 ? m.get(k / 2) : (m.get(k / 2 - 1) + m.get(k / 2)) / 2;
  }

  /** The matrix-product GFLOP/s the median epoch achieved ({@link Roof#flopsPerSample()} per example). */
  double achievedGflops() {
    return Roof.achievedGflops(samplesPerSecond());
  }

  /** Achieved GFLOP/s as a share of the roof, 0..1; NaN without a roof. */
  double roofShare() {
    return achievedGflops() / roofGflops;
  }

  /** The same figures with the library and the roof filled in. */
  Figures withBlas(String library, double roof) {
    return new Figures(framework, batch, perEpoch, perEpochCpu, warmup, peakRssMb, rssPerEpochMb, afterGcRssMb, lastLoss,
        note, library, roof, roofCpuGflops);
  }

  /** The same figures with the per-CPU-second roof filled in. */
  Figures withCpuRoof(double roofCpu) {
    return new Figures(framework, batch, perEpoch, perEpochCpu, warmup, peakRssMb, rssPerEpochMb, afterGcRssMb, lastLoss,
        note, blas, roofGflops, roofCpu);
  }

  /** Matrix-product GFLOP per CPU second of the process as a share of the per-CPU-second roof, 0..1. */
  double cpuRoofShare() {
    return Roof.achievedGflops(samplesPerCpuSecond()) / roofCpuGflops;
  }

  /** RSS growth from the first measured epoch to the last, in MiB; NaN without per-epoch figures. */
  double rssGrowthMb() {
    if (rssPerEpochMb.size() <= warmup + 1) {
      return Double.NaN;
    }
    return rssPerEpochMb.get(rssPerEpochMb.size() - 1) - rssPerEpochMb.get(warmup);
  }

  Map<String, Object> asMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("framework", framework);
    m.put("batch", batch);
    m.put("samples_per_second", samplesPerSecond());
    m.put("epochs_samples_per_second", perEpoch);
    m.put("samples_per_cpu_second", samplesPerCpuSecond());
    m.put("epochs_samples_per_cpu_second", perEpochCpu);
    m.put("warmup_epochs", warmup);
    m.put("peak_rss_mb", peakRssMb);
    if (!rssPerEpochMb.isEmpty()) {
      m.put("rss_per_epoch_mb", rssPerEpochMb);
      m.put("rss_growth_after_warmup_mb", rssGrowthMb());
      m.put("rss_after_gc_mb", afterGcRssMb);
    }
    m.put("last_epoch_loss", lastLoss);
    m.put("blas", blas);
    m.put("sgemm_roof_gflops", roofGflops);
    m.put("achieved_gflops", achievedGflops());
    m.put("roof_share", roofShare());
    m.put("sgemm_roof_gflops_per_cpu_second", roofCpuGflops);
    m.put("roof_share_per_cpu_second", cpuRoofShare());
    if (note != null) {
      m.put("note", note);
    }
    return m;
  }
}
