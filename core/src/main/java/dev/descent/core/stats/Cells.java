package dev.descent.core.stats;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The runs grouped by grid cell (their levels of every factor): each cell's run count and mean objective, the runs'
 * spread around their cell means ({@code within}) and around the grand mean ({@code total}), both summed about
 * a mean rather than as differences of large sums, so they keep their digits.
 */
record Cells(List<Map<String, String>> levels, double[] counts, double[] means, double within, double total) {

  static Cells of(List<Observation> observations, List<String> factors) {
    Map<Map<String, String>, List<Double>> byCell = new LinkedHashMap<>();
    double sum = 0;
    for (Observation o : observations) {
      Map<String, String> key = new LinkedHashMap<>();
      factors.forEach(f -> key.put(f, o.levels().get(f)));
      byCell.computeIfAbsent(key, k -> new ArrayList<>()).add(o.value());
      sum += o.value();
    }
    double grand = sum / observations.size();
    List<Map<String, String>> levels = new ArrayList<>(byCell.keySet());
    double[] counts = new double[levels.size()];
    double[] means = new double[levels.size()];
    double within = 0;
    double total = 0;
    for (int c = 0; c < levels.size(); c++) {
      List<Double> values = byCell.get(levels.get(c));
      double mean = values.stream().mapToDouble(Double::doubleValue).sum() / values.size();
      for (double v : values) {
        within += (v - mean) * (v - mean);
        total += (v - grand) * (v - grand);
      }
      counts[c] = values.size();
      means[c] = mean;
    }
    return new Cells(levels, counts, means, within, total);
  }
}
