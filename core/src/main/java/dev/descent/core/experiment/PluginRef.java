package dev.descent.core.experiment;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A plugin as an experiment names it: {@code {name, params}}, never a class name. The params are the
 * resolved values (defaults filled in, in declaration order), so two files that differ only by
 * spelling out a default resolve to the same reference.
 */
public record PluginRef(String name, Map<String, Object> params) {
  public PluginRef {
    params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
  }

  /** {@code {name: adam, learning_rate: 0.001, ...}}, for the resolved config. */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", name);
    m.putAll(params);
    return m;
  }
}
