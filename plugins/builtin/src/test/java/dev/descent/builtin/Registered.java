package dev.descent.builtin;

import dev.descent.spi.Plugin;
import java.util.ServiceLoader;

/** Finds a built-in plugin by name through ServiceLoader, the way descent itself does. */
public final class Registered {
  private Registered() {}

  /** The provider of {@code type} named {@code name}; fails if it is not registered. */
  public static <P extends Plugin> P plugin(Class<P> type, String name) {
    for (P p : ServiceLoader.load(type, Registered.class.getClassLoader())) {
      if (p.name().equals(name)) {
        return p;
      }
    }
    throw new AssertionError(type.getSimpleName() + " '" + name + "' is not registered in META-INF/services");
  }
}
