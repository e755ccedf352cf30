package dev.descent.core.sweep;

import dev.descent.spi.Problem;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Writes one combination of axis values into a fresh copy of the file's document, which the experiment
 * parser then validates like any single experiment. It records which field each axis wrote, so a
 * problem the parser finds there can be reported against the grid value that caused it.
 *
 * <p>The optimizer axis replaces {@code training.optimizer} with the entry's name and parameters; the
 * file's own optimizer params (its {@code learning_rate}, {@code momentum}, ...) carry over unless the entry
 * or another axis sets them, so comparing optimizers "at the file's learning rate" needs no extra axis. A
 * carried param the cell's optimizer does not declare (adam's {@code amsgrad} in an sgd cell) is dropped,
 * with a note the run records and {@code --dry-run} shows: switching optimizers is what the axis is for, so
 * it must not fail on a param only the file's optimizer has, nor hide that the param went away. The same
 * holds for a {@code training.optimizer.name} path axis.
 */
final class CellBuilder {
  private static final Set<String> SWEEP_SECTIONS = Set.of("grid", "seeds", "objective", "search", "pruner", "budget");
  private final Map<String, Object> base = new LinkedHashMap<>();
  private final List<Axis> axes;
  /** An optimizer's declared param names; null for an unknown optimizer (the parser reports it). */
  private final Function<String, Set<String>> declared;

  /** A field of the cell document that an axis set, with the index of the value. */
  record Written(String field, Axis axis, int index) {}

  /** A cell's document, the fields its axes wrote, values that could not be placed, and notes for the user. */
  record Placed(Map<String, Object> doc, List<Written> written, List<Problem> problems, List<String> notes) {}

  CellBuilder(Map<String, Object> doc, List<Axis> axes, Function<String, Set<String>> declared) {
    doc.forEach((k, v) -> {
      if (!SWEEP_SECTIONS.contains(k)) {
        base.put(k, v);
      }
    });
    this.axes = axes;
    this.declared = declared;
  }

  /** The document of the cell that takes value {@code choice[k]} of axis {@code k}. */
  @SuppressWarnings("unchecked")
  Placed place(int[] choice) {
    Map<String, Object> doc = (Map<String, Object>) copy(base);
    List<Written> written = new ArrayList<>();
    List<Problem> problems = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    for (int k = 0; k < axes.size(); k++) {
      Axis axis = axes.get(k);
      int index = choice[k];
      Object value = copy(axis.values().get(index));
      for (String field : apply(doc, axis, value, problems)) {
        written.add(new Written(field, axis, index));
      }
      if (axis.kind() == Axis.Kind.OPTIMIZER) {
        dropUndeclared(doc, value instanceof Map<?, ?> entry ? entry.keySet() : Set.of(), notes);
      } else if (axis.kind() == Axis.Kind.PATH && "training.optimizer.name".equals(axis.target().toString())) {
        dropUndeclared(doc, Set.of(), notes);
      }
    }
    Map<String, Axis> byField = new HashMap<>();
    for (Written w : written) {
      Axis other = byField.putIfAbsent(w.field(), w.axis());
      if (other != null && other != w.axis()) {
        problems.add(new Problem(w.axis().path(), "sets " + w.field() + ", which " + other.path()
            + " also sets; keep one of the two"));
      }
    }
    return new Placed(doc, written, problems, notes);
  }

  /**
   * Removes from the cell's optimizer the params its optimizer does not declare, except those in {@code kept}
   * (the grid entry's own, which the parser then checks like any other), noting each one removed.
   */
  @SuppressWarnings("unchecked")
  private void dropUndeclared(Map<String, Object> doc, Set<?> kept, List<String> notes) {
    if (!(doc.get("training") instanceof Map<?, ?> training)
        || !(training.get("optimizer") instanceof Map<?, ?> optimizer)
        || !(optimizer.get("name") instanceof String name)) {
      return;
    }
    Set<String> params = declared.apply(name);
    if (params == null) {
      return;
    }
    ((Map<String, Object>) optimizer).entrySet().removeIf(e -> {
      String key = e.getKey();
      if (key.equals("name") || params.contains(key) || kept.contains(key)) {
        return false;
      }
      notes.add("training.optimizer." + key + ": " + e.getValue() + " dropped: the grid switched the optimizer"
          + " to " + name + ", which has no param '" + key + "'");
      return true;
    });
  }

  /** Sets one axis value in {@code doc}; returns the fields it wrote. */
  @SuppressWarnings("unchecked")
  private static List<String> apply(Map<String, Object> doc, Axis axis, Object value, List<Problem> problems) {
    boolean inTraining = axis.kind() != Axis.Kind.DROPOUT && axis.kind() != Axis.Kind.PATH;
    Map<String, Object> training = inTraining ? section(doc, "training") : null;
    switch (axis.kind()) {
      case OPTIMIZER -> {
        training.put("optimizer", optimizer(value, training.get("optimizer")));
        return List.of("training.optimizer");
      }
      case LEARNING_RATE -> {
        Object optimizer = training.get("optimizer");
        if (optimizer instanceof String name) {
          optimizer = new LinkedHashMap<>(Map.of("name", name));
          training.put("optimizer", optimizer);
        }
        if (optimizer instanceof Map) {
          ((Map<String, Object>) optimizer).put("learning_rate", number(value));
        }
        return List.of("training.optimizer.learning_rate");
      }
      case BATCH_SIZE -> {
        training.put("batch_size", number(value));
        return List.of("training.batch_size");
      }
      case SEED -> {
        training.put("seed", value);
        return List.of("training.seed");
      }
      case DROPOUT -> {
        return dropout(doc, axis, number(value), problems);
      }
      default -> {
        String error = axis.target().set(doc, value);
        if (error != null) {
          problems.add(new Problem(axis.path(), error + "; a grid path must lead to a place the file has"));
        }
        return List.of(axis.target().toString());
      }
    }
  }

  /** An optimizer entry as the cell's optimizer, keeping the file's optimizer params the entry does not set. */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> optimizer(Object entry, Object before) {
    Map<String, Object> optimizer = new LinkedHashMap<>();
    if (entry instanceof Map) {
      optimizer.putAll((Map<String, Object>) entry);
    } else {
      optimizer.put("name", entry);
    }
    if (before instanceof Map<?, ?> m) {
      m.forEach((k, v) -> optimizer.putIfAbsent(String.valueOf(k), v));
    }
    return optimizer;
  }

  /** Sets the rate of every dropout layer. */
  @SuppressWarnings("unchecked")
  private static List<String> dropout(Map<String, Object> doc, Axis axis, Object rate, List<Problem> problems) {
    List<String> fields = new ArrayList<>();
    if (doc.get("model") instanceof Map<?, ?> model && model.get("layers") instanceof List<?> layers) {
      for (int i = 0; i < layers.size(); i++) {
        if (layers.get(i) instanceof Map<?, ?> layer && "dropout".equals(layer.get("type"))) {
          ((Map<String, Object>) layer).put("rate", rate);
          fields.add("model.layers[" + i + "].rate");
        }
      }
    }
    if (fields.isEmpty()) {
      problems.add(new Problem(axis.path(), "the model has no dropout layer for this axis to set; add one to "
          + "model.layers, e.g. {type: dropout, rate: 0.2} after a hidden dense layer, or remove the axis"));
    }
    return fields;
  }

  /** The mapping at {@code key}, created when absent; a detached one when the file has a non-mapping there. */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> section(Map<String, Object> doc, String key) {
    Object v = doc.get(key);
    if (v == null) {
      v = new LinkedHashMap<String, Object>();
      doc.put(key, v);
    }
    return v instanceof Map ? (Map<String, Object>) v : new LinkedHashMap<>();
  }

  private static Object number(Object v) {
    Double d = GridReader.number(v);
    if (d == null) {
      return v;
    }
    return d == Math.rint(d) && Math.abs(d) < 1e15 && !(v instanceof Double) ? (Object) d.longValue() : d;
  }

  /** How many values {@code v} holds, counting every map, list and scalar in it (the file is a tree: no cycles). */
  static long values(Object v) {
    long n = 1;
    if (v instanceof Map<?, ?> m) {
      for (Object x : m.values()) {
        n += values(x);
      }
    } else if (v instanceof List<?> l) {
      for (Object x : l) {
        n += values(x);
      }
    }
    return n;
  }

  /** A deep copy of maps and lists, so no cell's edits reach another (YAML aliases share objects). */
  static Object copy(Object v) {
    if (v instanceof Map<?, ?> m) {
      Map<Object, Object> out = new LinkedHashMap<>();
      m.forEach((k, x) -> out.put(k, copy(x)));
      return out;
    }
    if (v instanceof List<?> l) {
      List<Object> out = new ArrayList<>();
      l.forEach(x -> out.add(copy(x)));
      return out;
    }
    return v;
  }
}
