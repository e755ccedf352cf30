package dev.descent.core.sweep;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A dotted path into an experiment document, {@code model.layers[0].units}: the way a grid names any
 * field that is not one of its first-class axes. Setting a value walks the document as the file wrote
 * it, so a path through a place the file does not have is an error naming that place, while a missing
 * last key is added and left to the experiment parser, which accepts it only if it is a valid field.
 */
final class ConfigPath {
  private final List<Object> steps;

  private ConfigPath(List<Object> steps) {
    this.steps = List.copyOf(steps);
  }

  /** The path in {@code text}, or null when it is not of the form {@code key(.key|[index])*}. */
  static ConfigPath parse(String text) {
    if (!text.matches("[A-Za-z_][A-Za-z0-9_]*(\\[[0-9]{1,6}\\])*(\\.[A-Za-z_][A-Za-z0-9_]*(\\[[0-9]{1,6}\\])*)*")) {
      return null;
    }
    List<Object> steps = new ArrayList<>();
    for (String part : text.split("\\.")) {
      int bracket = part.indexOf('[');
      steps.add(bracket < 0 ? part : part.substring(0, bracket));
      for (String index : bracket < 0 ? new String[0] : part.substring(bracket + 1).split("\\]\\[?")) {
        if (!index.isEmpty()) {
          steps.add(Integer.parseInt(index));
        }
      }
    }
    return new ConfigPath(steps);
  }

  /** The first key: the top-level section the path is in. */
  String root() {
    return (String) steps.get(0);
  }

  /**
   * Sets {@code value} at this path in {@code doc}, in place. A plugin named by a bare string on the way
   * ({@code optimizer: sgd}) becomes {@code {name: sgd}} so its parameters can be set.
   *
   * @return null, or why the path does not lead anywhere in this document
   */
  @SuppressWarnings("unchecked")
  String set(Map<String, Object> doc, Object value) {
    Object container = doc;
    for (int i = 0; i < steps.size(); i++) {
      Object step = steps.get(i);
      boolean last = i == steps.size() - 1;
      String here = render(i + 1);
      if (step instanceof String key) {
        if (!(container instanceof Map)) {
          return render(i) + " is not a mapping in the file, so it has no field '" + key + "'";
        }
        Map<String, Object> map = (Map<String, Object>) container;
        if (last) {
          map.put(key, value);
          return null;
        }
        Object next = map.get(key);
        if (next instanceof String name && steps.get(i + 1) instanceof String) {
          next = new LinkedHashMap<>(Map.of("name", name));
          map.put(key, next);
        }
        if (next == null) {
          return here + " does not exist in the file";
        }
        container = next;
      } else {
        int index = (Integer) step;
        if (!(container instanceof List)) {
          return render(i) + " is not a list in the file";
        }
        List<Object> list = (List<Object>) container;
        if (index >= list.size()) {
          return here + " does not exist in the file (" + render(i) + " has " + list.size() + " entries)";
        }
        if (last) {
          list.set(index, value);
          return null;
        }
        container = list.get(index);
      }
    }
    return null;
  }

  @Override
  public String toString() {
    return render(steps.size());
  }

  private String render(int count) {
    StringBuilder sb = new StringBuilder();
    for (Object step : steps.subList(0, count)) {
      sb.append(step instanceof Integer i ? "[" + i + "]" : (sb.length() == 0 ? "" : ".") + step);
    }
    return sb.toString();
  }
}
