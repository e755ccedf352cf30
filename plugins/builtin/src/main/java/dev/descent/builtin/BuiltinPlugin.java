package dev.descent.builtin;

import dev.descent.spi.ParamSpec;
import dev.descent.spi.Plugin;
import java.util.List;

/**
 * The name, description and parameter list every built-in provider has, held once. Subclasses
 * implement one provider interface each, exactly as a third-party plugin would.
 */
public abstract class BuiltinPlugin implements Plugin {
  private final String name;
  private final String description;
  private final List<ParamSpec> parameters;

  protected BuiltinPlugin(String name, String description, ParamSpec... parameters) {
    this.name = name;
    this.description = description;
    this.parameters = List.of(parameters);
  }

  @Override
  public final String name() {
    return name;
  }

  @Override
  public final String description() {
    return description;
  }

  @Override
  public final List<ParamSpec> parameters() {
    return parameters;
  }

  @Override
  public String toString() {
    return kind().label() + " '" + name + "'";
  }
}
