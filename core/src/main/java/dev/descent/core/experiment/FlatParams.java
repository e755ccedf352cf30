package dev.descent.core.experiment;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * An experiment's parameters flattened to one level, named as users search and sort by them:
 * {@code optimizer, learning_rate, batch_size, dropout, seed}, every optimizer parameter by its own
 * name ({@code beta1}, {@code momentum}), and the model's shape. Values are String, Long, Double or
 * Boolean.
 */
public final class FlatParams {
  private FlatParams() {}

  public static Map<String, Object> of(Experiment e) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("optimizer", e.training().optimizer().name());
    e.training().optimizer().params().forEach((k, v) -> m.put(k, normalise(v)));
    m.put("batch_size", (long) e.training().batchSize());
    m.put("epochs", (long) e.training().epochs());
    m.put("seed", e.training().seed());
    m.put("dropout", e.model().layers().stream().filter(l -> l instanceof LayerSpec.Dropout)
        .mapToDouble(l -> ((LayerSpec.Dropout) l).rate()).max().orElse(0.0));
    m.put("loss", e.model().loss().name());
    m.put("init", e.model().init());
    m.put("dataset", e.dataset().name());
    m.put("hidden_units", e.model().layers().stream().filter(l -> l instanceof LayerSpec.Dense)
        .map(l -> String.valueOf(((LayerSpec.Dense) l).units())).collect(Collectors.joining("-")));
    m.put("activation", e.model().layers().stream().filter(l -> l instanceof LayerSpec.Dense)
        .map(l -> ((LayerSpec.Dense) l).activation().name()).distinct().collect(Collectors.joining("-")));
    m.put("dtype", e.training().dtype());
    return m;
  }

  private static Object normalise(Object v) {
    if (v instanceof Integer i) {
      return i.longValue();
    }
    return v;
  }
}
