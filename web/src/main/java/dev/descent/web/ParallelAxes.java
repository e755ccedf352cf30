package dev.descent.web;

import dev.descent.core.store.Run;
import dev.descent.core.store.SweepInfo;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The params the compare page's parallel-coordinates plot gets an axis for: what the user chose to vary, not
 * everything that happens to differ. For runs of recorded sweeps, the sweeps' own axes (a dotted axis such as
 * {@code training.optimizer.momentum} as its param {@code momentum}). Otherwise, and for a dotted axis that
 * names no param, the params that take two or more values, leaving out the seed and an optimizer param whose
 * value is one per optimizer (adam's {@code eps} 1e-8 beside adagrad's 1e-10): that only repeats the optimizer
 * axis, as a default that differs with it.
 */
final class ParallelAxes {
  /** FlatParams' names that are no optimizer's param; {@code learning_rate} is every optimizer's and a choice. */
  private static final Set<String> NOT_OPTIMIZER_PARAMS = Set.of("optimizer", "learning_rate", "batch_size",
      "epochs", "seed", "dropout", "loss", "init", "dataset", "hidden_units", "activation", "dtype");
  /** Dotted axes into the model, as the flat param that shows them. */
  private static final Map<String, String> MODEL_FIELDS = Map.of("units", "hidden_units", "activation", "activation",
      "rate", "dropout");

  private ParallelAxes() {}

  /** Param names in plot order: a sweep's axes in its order, else {@code candidates}' order. */
  static List<String> of(List<Run> runs, List<String> candidates, Function<String, Optional<SweepInfo>> sweeps) {
    Set<String> sweepAxes = new LinkedHashSet<>();
    boolean allSwept = !runs.isEmpty();
    Map<String, Optional<SweepInfo>> seen = new HashMap<>();
    for (Run run : runs) {
      Optional<SweepInfo> info = run.sweepId() == null ? Optional.empty()
          : seen.computeIfAbsent(run.sweepId(), sweeps);
      if (info.isEmpty() || info.get().axes().isEmpty()) {
        allSwept = false;
      } else {
        sweepAxes.addAll(info.get().axes());
      }
    }
    List<String> varying = candidates.stream().filter(p -> varies(runs, p) && !perOptimizerDefault(runs, p)).toList();
    if (!allSwept) {
      return varying;
    }
    Set<String> axes = new LinkedHashSet<>();
    boolean unmapped = false;
    for (String axis : sweepAxes) {
      String param = param(axis, candidates);
      if (param == null) {
        unmapped = true;
      } else if (varies(runs, param)) {
        axes.add(param);
      }
    }
    if (sweepAxes.contains("optimizer")) {
      // an optimizer axis of entries with their own params ({name: sgd, momentum: 0.9}) varies those too
      varying.stream().filter(p -> !NOT_OPTIMIZER_PARAMS.contains(p)).forEach(axes::add);
    }
    if (unmapped) {
      axes.addAll(varying);
    }
    return new ArrayList<>(axes);
  }

  /** The flat param an axis sets, or null: {@code training.optimizer.momentum} is {@code momentum}. */
  private static String param(String axis, List<String> params) {
    if (params.contains(axis)) {
      return axis;
    }
    String last = axis.substring(axis.lastIndexOf('.') + 1).replaceAll("\\[\\d+]$", "");
    if (axis.equals("training.optimizer.name")) {
      return "optimizer";
    }
    if (axis.startsWith("model.") && MODEL_FIELDS.containsKey(last)) {
      return MODEL_FIELDS.get(last);
    }
    return axis.startsWith("training.") && params.contains(last) ? last : null;
  }

  /** Two or more values among the runs that have the param: one only some optimizers have does not vary by that. */
  private static boolean varies(List<Run> runs, String param) {
    if (param.equals("seed")) {
      return false;
    }
    Set<Object> values = new HashSet<>();
    runs.forEach(r -> {
      if (r.params().get(param) != null) {
        values.add(r.params().get(param));
      }
    });
    return values.size() > 1;
  }

  /** An optimizer param with one value per optimizer while the optimizer varies: a default that follows it. */
  private static boolean perOptimizerDefault(List<Run> runs, String param) {
    if (NOT_OPTIMIZER_PARAMS.contains(param)) {
      return false;
    }
    Map<Object, Object> byOptimizer = new HashMap<>();
    for (Run r : runs) {
      Object value = r.params().get(param);
      if (value == null) {
        continue;
      }
      Object optimizer = String.valueOf(r.params().get("optimizer"));
      Object first = byOptimizer.putIfAbsent(optimizer, value);
      if (first != null && !first.equals(value)) {
        return false;
      }
    }
    return byOptimizer.size() > 1;
  }
}
