package dev.descent.core.experiment;

import dev.descent.core.data.DatasetSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The experiment after defaults, as a plain ordered map: what a run records as its configuration and
 * what {@code --json} prints. Every default is spelled out, so a stored run says exactly what ran.
 */
public final class ResolvedConfig {
  private ResolvedConfig() {}

  public static Map<String, Object> of(Experiment e) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", e.name());
    if (!e.description().isEmpty()) {
      m.put("description", e.description());
    }
    m.put("dataset", dataset(e.dataset()));
    Map<String, Object> model = new LinkedHashMap<>();
    List<Object> layers = new ArrayList<>();
    for (LayerSpec l : e.model().layers()) {
      Map<String, Object> lm = new LinkedHashMap<>();
      if (l instanceof LayerSpec.Dense d) {
        lm.put("type", "dense");
        lm.put("units", d.units());
        lm.put("activation", d.activation().toMap());
      } else if (l instanceof LayerSpec.Dropout dr) {
        lm.put("type", "dropout");
        lm.put("rate", dr.rate());
      }
      layers.add(lm);
    }
    model.put("layers", layers);
    model.put("loss", e.model().loss().toMap());
    model.put("init", e.model().init());
    model.put("init_std", e.model().initStd());
    m.put("model", model);
    TrainingSpec t = e.training();
    Map<String, Object> tm = new LinkedHashMap<>();
    tm.put("optimizer", t.optimizer().toMap());
    tm.put("batch_size", t.batchSize());
    tm.put("epochs", t.epochs());
    if (t.earlyStopping() != null) {
      EarlyStopping es = t.earlyStopping();
      Map<String, Object> em = new LinkedHashMap<>();
      em.put("monitor", es.monitor());
      em.put("mode", es.mode());
      em.put("patience", es.patience());
      em.put("min_delta", es.minDelta());
      em.put("restore_best", es.restoreBest());
      tm.put("early_stopping", em);
    }
    tm.put("seed", t.seed());
    tm.put("dtype", t.dtype());
    m.put("training", tm);
    return m;
  }

  private static Map<String, Object> dataset(DatasetSpec d) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", d.name());
    putIfSet(m, "directory", d.directory());
    putIfSet(m, "path", d.path());
    putIfSet(m, "test_path", d.testPath());
    putIfSet(m, "label_column", d.labelColumn());
    putIfSet(m, "feature_columns", d.featureColumns());
    m.put("task", d.task());
    m.put("validation_split", d.validationSplit());
    m.put("test_split", d.testSplit());
    putIfSet(m, "limit", d.limit());
    putIfSet(m, "test_limit", d.testLimit());
    m.put("scale", d.scale());
    m.put("samples", d.samples());
    m.put("test_samples", d.testSamples());
    m.put("noise", d.noise());
    m.put("seed", d.seed());
    return m;
  }

  private static void putIfSet(Map<String, Object> m, String key, Object value) {
    if (value != null) {
      m.put(key, value instanceof java.nio.file.Path ? value.toString() : value);
    }
  }
}
