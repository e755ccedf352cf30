package dev.descent.cli;

import dev.descent.core.env.Backend;
import picocli.CommandLine;

/** {@code descent --version}: the program's version and the numeric backend it runs on. */
public final class VersionProvider implements CommandLine.IVersionProvider {
  @Override
  public String[] getVersion() {
    String v = Main.class.getPackage().getImplementationVersion();
    return new String[] {"descent " + (v == null ? "development build" : v), Backend.current().describe()};
  }
}
