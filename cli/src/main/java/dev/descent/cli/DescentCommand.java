package dev.descent.cli;

import picocli.CommandLine.Command;

/** The top-level {@code descent} command. */
@Command(name = "descent", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = "A workbench for deep-learning experiments: train, sweep, search and compare runs.",
    subcommands = {RunCommand.class, WorkerCommand.class, RunsCommand.class, SweepsCommand.class, ServeCommand.class, PluginsCommand.class,
        OptimizersCommand.class, LrFindCommand.class, BenchOptimizerCommand.class})
public final class DescentCommand {
  /** Read by {@link Main} before the command line is parsed (plugins must load first); here for --help. */
  @picocli.CommandLine.Option(names = "--plugins", paramLabel = "DIR",
      description = "plugin jar directory (default: $DESCENT_PLUGINS, else STORE/plugins)")
  String plugins;

  /** Read by {@link Main} before anything logs; here for --help. */
  @picocli.CommandLine.Option(names = {"-v", "--verbose"},
      description = "show the libraries' start-up and progress logging (ND4J backend, Javalin, Jetty); quiet by default")
  boolean verbose;
}
