package dev.descent.core.train;

import dev.descent.core.data.DataSplits;
import dev.descent.core.env.Backend;
import dev.descent.core.experiment.Experiment;
import dev.descent.core.experiment.ResolvedConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A run's result as an ordered map: what {@code descent run --json} prints, with the resolved
 * configuration, the backend and every epoch, so the output alone says what ran where.
 */
public final class RunReport {
  private RunReport() {}

  public static Map<String, Object> of(Experiment exp, DataSplits data, TrainingResult r, Backend backend) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("status", r.status().label());
    m.put("experiment", exp.name());
    if (r.test() != null) {
      Map<String, Object> test = new LinkedHashMap<>();
      test.put("loss", r.test().loss());
      test.put("accuracy", r.test().accuracy());
      test.put("examples", r.test().examples());
      m.put("test", test);
    }
    m.put("best_epoch", r.bestEpoch());
    m.put("stopped_early", r.stoppedEarly());
    if (r.divergence() != null) {
      m.put("divergence", Map.of("epoch", r.divergence().epoch(), "batch", r.divergence().batch(),
          "message", r.divergence().message()));
    }
    List<Map<String, Object>> epochs = new ArrayList<>();
    for (EpochMetrics e : r.epochs()) {
      Map<String, Object> em = new LinkedHashMap<>();
      em.put("epoch", e.epoch());
      e.asMap().forEach(em::put);
      epochs.add(em);
    }
    m.put("epochs", epochs);
    m.put("seconds", r.seconds());
    m.put("samples_per_second", r.samplesPerSecond());
    m.put("parameters", r.parameters());
    m.put("backend", backend.asMap());
    m.put("data", data.info());
    m.put("config", ResolvedConfig.of(exp));
    return m;
  }
}
