package dev.descent.core.optbench;

import dev.descent.core.sweep.Sweep;
import dev.descent.core.sweep.SweepParser;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The two sweeps of a problem, written as the experiment files a user could have written and parsed by the same
 * {@link SweepParser}, so they are validated, identified and stored like any other sweep: the tuning grid
 * (optimizer x learning rate at the tuning seed) and the reruns (each optimizer at its chosen rate, with the
 * seeds 1..n).
 */
final class BenchSweeps {
  private final SweepParser parser;
  private final Path baseDir;

  BenchSweeps(SweepParser parser, Path baseDir) {
    this.parser = parser;
    this.baseDir = baseDir;
  }

  static String tuningName(BenchSpec spec, BenchProblem p) {
    return "bench-" + spec.candidate() + "-" + p.name() + "-tune";
  }

  static String seedsName(BenchSpec spec, BenchProblem p) {
    return "bench-" + spec.candidate() + "-" + p.name() + "-seeds";
  }

  Sweep tuning(BenchSpec spec, BenchProblem p) {
    Map<String, Object> doc = base(tuningName(spec, p), p, spec.candidate(), spec.learningRates().get(0),
        BenchSpec.TUNING_SEED);
    Map<String, Object> grid = new LinkedHashMap<>();
    grid.put("optimizer", new ArrayList<>(spec.optimizers()));
    grid.put("learning_rate", new ArrayList<>(spec.learningRates()));
    doc.put("grid", grid);
    return parser.parseDocument(doc, doc.get("name") + " (bench-optimizer)", baseDir);
  }

  /** The reruns; {@code chosen} maps each optimizer that has a rate to it (one that diverged everywhere has none). */
  Sweep seeds(BenchSpec spec, BenchProblem p, Map<String, Double> chosen) {
    Map.Entry<String, Double> first = chosen.entrySet().iterator().next();
    Map<String, Object> doc = base(seedsName(spec, p), p, first.getKey(), first.getValue(), 1);
    List<Object> optimizers = new ArrayList<>();
    chosen.forEach((name, lr) -> {
      Map<String, Object> o = new LinkedHashMap<>();
      o.put("name", name);
      o.put("learning_rate", lr);
      optimizers.add(o);
    });
    doc.put("grid", new LinkedHashMap<>(Map.of("optimizer", optimizers)));
    doc.put("seeds", spec.seeds());
    return parser.parseDocument(doc, doc.get("name") + " (bench-optimizer)", baseDir);
  }

  private static Map<String, Object> base(String name, BenchProblem p, String optimizer, double lr, long seed) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("name", name);
    doc.put("description", p.title());
    doc.put("dataset", new LinkedHashMap<>(p.dataset()));
    doc.put("model", new LinkedHashMap<>(p.model()));
    Map<String, Object> training = new LinkedHashMap<>();
    training.put("optimizer", new LinkedHashMap<>(Map.of("name", optimizer, "learning_rate", lr)));
    training.put("batch_size", p.batchSize());
    training.put("epochs", p.epochs());
    training.put("seed", seed);
    doc.put("training", training);
    doc.put("objective", new LinkedHashMap<>(Map.of("metric", p.tuneMetric(), "mode", p.higherIsBetter() ? "max" : "min")));
    return doc;
  }
}
