package dev.descent.core.plugin;

import dev.descent.spi.PluginKind;
import java.lang.reflect.InvocationTargetException;

/**
 * Turns what {@link java.util.ServiceLoader} throws for a bad provider into a sentence a plugin
 * author can act on. ServiceLoader wraps the real cause (a missing constructor, an exception in a
 * constructor or static initializer) one or two levels deep; the author needs the innermost one.
 */
final class ProviderFailure {
  private ProviderFailure() {}

  /** What went wrong creating a provider of {@code kind}. */
  static String describe(PluginKind kind, Throwable e) {
    String what = kind.label() + " provider";
    if (has(e, NoSuchMethodException.class) || String.valueOf(e.getMessage()).contains("no-arg constructor")) {
      return what + " " + providerClass(e) + " has no public no-arg constructor; ServiceLoader creates providers "
          + "with one (" + e.getMessage() + ")";
    }
    if (has(e, ExceptionInInitializerError.class)) {
      return what + " " + providerClass(e) + " failed in its static initializer: " + root(e);
    }
    if (has(e, InvocationTargetException.class) || String.valueOf(e.getMessage()).contains("could not be instantiated")) {
      return what + " " + providerClass(e) + " threw in its constructor: " + root(e);
    }
    if (e instanceof NoClassDefFoundError || has(e, ClassNotFoundException.class)) {
      return what + " could not be loaded, a class is missing (" + root(e) + "); bundle the plugin's dependencies "
          + "in its jar, or remove it";
    }
    return what + " could not be loaded: " + root(e);
  }

  /** The innermost cause, as {@code Type: message}. */
  static String root(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getClass().getName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
  }

  private static boolean has(Throwable e, Class<? extends Throwable> type) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }

  /**
   * ServiceLoader's messages read {@code <service>: Provider <class> could not be instantiated} or
   * {@code <service>: <class> Unable to get public no-arg constructor}; take the class.
   */
  private static String providerClass(Throwable e) {
    String m = String.valueOf(e.getMessage());
    int colon = m.indexOf(": ");
    if (colon >= 0) {
      String rest = m.substring(colon + 2);
      if (rest.startsWith("Provider ")) {
        rest = rest.substring("Provider ".length());
      }
      int end = rest.indexOf(' ');
      String cls = end < 0 ? rest : rest.substring(0, end);
      if (!cls.isEmpty()) {
        return cls;
      }
    }
    return "(unknown class)";
  }
}
