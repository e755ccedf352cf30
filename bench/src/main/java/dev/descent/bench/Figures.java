package dev.descent.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one framework measured at one batch size.
 *
 * @param perEpoch      training samples per second of every epoch, warm-up included
 * @param warmup        how many leading epochs are not measured
 * @param peakRssMb     the process's peak RSS during the run (VmHWM, reset before it when the kernel allows)
 * @param rssPerEpochMb RSS after each epoch (descent only; empty otherwise)
 * @param lastLoss      mean training loss of the last epoch (DL4J: the score of its last batch), a sanity check
 * @param note          what else to know (skipped, error), or null
 */
record Figures(String framework, int batch, List<Double> perEpoch, int warmup, double peakRssMb,
    List<Double> rssPerEpochMb, double lastLoss, String note) {

  Figures {
    perEpoch = List.copyOf(perEpoch);
    rssPerEpochMb = List.copyOf(rssPerEpochMb);
  }

  static Figures skipped(String framework, int batch, String note) {
    return new Figures(framework, batch, List.of(), 0, Double.NaN, List.of(), Double.NaN, note);
  }

  boolean measured() {
    return perEpoch.size() > warmup;
  }

  /** The median samples/s of the measured epochs (after warm-up); NaN when none were measured. */
  double samplesPerSecond() {
    if (!measured()) {
      return Double.NaN;
    }
    List<Double> m = new ArrayList<>(perEpoch.subList(warmup, perEpoch.size()));
    m.sort(null);
    int k = m.size();
    return k % 2 == 1 ? m.get(k / 2) : (m.get(k / 2 - 1) + m.get(k / 2)) / 2;
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
    m.put("warmup_epochs", warmup);
    m.put("peak_rss_mb", peakRssMb);
    if (!rssPerEpochMb.isEmpty()) {
      m.put("rss_per_epoch_mb", rssPerEpochMb);
    }
    m.put("last_epoch_loss", lastLoss);
    if (note != null) {
      m.put("note", note);
    }
    return m;
  }
}
