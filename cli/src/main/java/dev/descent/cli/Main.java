package dev.descent.cli;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.util.Modules;
import dev.descent.core.DescentException;
import dev.descent.core.DescentModule;
import dev.descent.core.env.CpuKernels;
import dev.descent.core.plugin.LoadedPlugins;
import dev.descent.core.plugin.PluginDirectory;
import dev.descent.core.plugin.PluginJars;
import dev.descent.core.plugin.PluginProblem;
import dev.descent.core.plugin.PluginRegistry;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine;

/**
 * The {@code descent} command. Exit codes follow picocli: 0 success, 1 the work failed, 2 bad
 * usage or bad input.
 */
public final class Main {
  private static final String RELAUNCHED = "DESCENT_RELAUNCHED";
  /** The global option naming the plugin directory; see {@link PluginDirectory}. */
  static final String PLUGINS_OPTION = "--plugins";
  /** The global options that turn the libraries' INFO logging back on; see {@link #takeVerboseOption}. */
  static final List<String> VERBOSE_OPTIONS = List.of("--verbose", "-v");

  private Main() {}

  public static void main(String[] args) {
    relaunchWithBlasKernels(args);
    if (takeVerboseOption(args, new ArrayList<>())) {
      beVerbose(); // before the warm-up's ND4J creates the first logger, which reads the log level once
    }
    NativeWarmup.startFor(args);
    System.exit(run(args));
  }

  /** Runs the command line in this JVM and returns the exit code; tests call this. */
  public static int run(String... args) {
    return run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
  }

  /**
   * Runs the command line with the given output streams; tests capture them.
   *
   * <p>The global {@code --plugins DIR} option is taken out of {@code args} here, before picocli
   * sees them: the registry must hold the directory's plugins before Guice builds any command, and
   * every command (run, plugins list, optimizers trace) needs the same registry. Bad jars are
   * reported once, here, as warnings; they never stop the command.
   */
  public static int run(PrintWriter out, PrintWriter err, String... args) {
    List<String> quiet = new ArrayList<>();
    if (takeVerboseOption(args, quiet)) {
      beVerbose();
    }
    List<String> rest = new ArrayList<>();
    String pluginsFlag = takePluginsOption(quiet.toArray(String[]::new), rest);
    if (pluginsFlag != null && pluginsFlag.isBlank()) {
      err.println("descent: " + PLUGINS_OPTION + " needs a directory: --plugins DIR");
      err.flush();
      return 2;
    }
    LoadedPlugins plugins;
    try {
      plugins = loadPlugins(pluginsFlag, optionValue(rest, "--store"), err);
    } catch (DescentException e) {
      err.println("descent: " + e.getMessage());
      err.flush();
      return e.code().exitCode();
    }
    Injector injector = Guice.createInjector(Modules.override(new DescentModule(Main.class.getClassLoader()))
        .with(binder -> {
          binder.bind(PluginRegistry.class).toInstance(plugins.registry());
          binder.bind(LoadedPlugins.class).toInstance(plugins);
        }));
    CommandLine cmd = new CommandLine(new DescentCommand(), new GuiceFactory(injector));
    cmd.setOut(out);
    cmd.setErr(err);
    cmd.setExecutionExceptionHandler(new ErrorHandler());
    return cmd.execute(rest.toArray(String[]::new));
  }

  /** Loads the built-ins and the plugin directory's jars, printing one warning per problem. */
  private static LoadedPlugins loadPlugins(String flag, String store, PrintWriter err) {
    Path dir = PluginDirectory.resolve(flag, store);
    boolean explicit = flag != null || System.getenv(PluginDirectory.ENV) != null;
    if (explicit && dir != null && !Files.isDirectory(dir)) {
      err.println("descent: warning: plugin directory " + dir + " does not exist; no plugin jars loaded");
    }
    LoadedPlugins plugins = PluginJars.load(dir, Main.class.getClassLoader());
    for (PluginProblem p : plugins.problems()) {
      err.println("descent: warning: plugin " + p);
    }
    err.flush();
    return plugins;
  }

  /**
   * Removes {@code --verbose} and {@code -v} (before a {@code --}) from {@code args} into {@code rest};
   * true when one was given. Taken out here, not by picocli, because logging must be configured before
   * the first library (ND4J loads with the plugin registry) creates its logger.
   */
  static boolean takeVerboseOption(String[] args, List<String> rest) {
    boolean verbose = false;
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--")) {
        rest.addAll(List.of(args).subList(i, args.length));
        break;
      } else if (VERBOSE_OPTIONS.contains(args[i])) {
        verbose = true;
      } else {
        rest.add(args[i]);
      }
    }
    return verbose;
  }

  /** slf4j-simple reads system properties before its properties file: INFO from every library, as before. */
  private static void beVerbose() {
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "info");
    System.setProperty("org.slf4j.simpleLogger.log.io.javalin", "info");
    System.setProperty("org.slf4j.simpleLogger.log.org.eclipse.jetty", "info");
  }

  /** Removes {@code --plugins DIR} and {@code --plugins=DIR} from {@code args} into {@code rest}; the last one wins. */
  static String takePluginsOption(String[] args, List<String> rest) {
    String dir = null;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.equals("--")) {
        rest.addAll(List.of(args).subList(i, args.length));
        break;
      } else if (a.equals(PLUGINS_OPTION)) {
        dir = i + 1 < args.length ? args[++i] : "";
      } else if (a.startsWith(PLUGINS_OPTION + "=")) {
        dir = a.substring(PLUGINS_OPTION.length() + 1);
      } else {
        rest.add(a);
      }
    }
    return dir;
  }

  /** The value of {@code --name V} or {@code --name=V} in {@code args}, if given. */
  private static String optionValue(List<String> args, String name) {
    String value = null;
    for (int i = 0; i < args.size(); i++) {
      if (args.get(i).equals(name) && i + 1 < args.size()) {
        value = args.get(i + 1);
      } else if (args.get(i).startsWith(name + "=")) {
        value = args.get(i).substring(name.length() + 1);
      }
    }
    return value;
  }

  /**
   * OPENBLAS_CORETYPE and OMP_NUM_THREADS are read once when the native library loads, so a JVM
   * started without them (plain {@code java -jar descent.jar}) restarts itself with the kernels chosen
   * from the CPU's flags and one OpenMP thread (two threads ran 2-4x slower here: ND4J's OpenMP pool
   * and OpenBLAS fight over the cores). The {@code descent} launcher sets both before the JVM starts,
   * and a user's own settings are kept.
   */
  private static void relaunchWithBlasKernels(String[] args) {
    boolean coreSet = System.getenv("OPENBLAS_CORETYPE") != null;
    boolean threadsSet = System.getenv("OMP_NUM_THREADS") != null;
    if ((coreSet && threadsSet) || System.getenv(RELAUNCHED) != null) {
      return;
    }
    Optional<String> core = CpuKernels.openblasCoretype(Path.of("/proc/cpuinfo"));
    Optional<String> java = ProcessHandle.current().info().command();
    Optional<String[]> jvmArgs = ProcessHandle.current().info().arguments();
    if ((threadsSet && core.isEmpty()) || java.isEmpty() || jvmArgs.isEmpty()) {
      return;
    }
    List<String> command = new ArrayList<>();
    command.add(java.get());
    command.addAll(List.of(jvmArgs.get()));
    ProcessBuilder pb = new ProcessBuilder(command).inheritIO();
    core.ifPresent(c -> pb.environment().putIfAbsent("OPENBLAS_CORETYPE", c));
    pb.environment().putIfAbsent("OMP_NUM_THREADS", "1");
    pb.environment().put(RELAUNCHED, "1");
    try {
      System.exit(pb.start().waitFor());
    } catch (IOException e) {
      return;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      System.exit(130);
    }
  }
}
