package dev.descent.cli;

import com.google.inject.Injector;
import picocli.CommandLine;

/** Lets picocli create commands through Guice, so commands get the registry and services injected. */
final class GuiceFactory implements CommandLine.IFactory {
  private final Injector injector;

  GuiceFactory(Injector injector) {
    this.injector = injector;
  }

  @Override
  public <K> K create(Class<K> type) throws Exception {
    if (type.getName().startsWith("dev.descent.")) {
      return injector.getInstance(type);
    }
    return CommandLine.defaultFactory().create(type);
  }
}
