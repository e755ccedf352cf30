package dev.descent.cli;

import dev.descent.core.DescentException;
import dev.descent.core.ErrorCode;
import dev.descent.core.plugin.LoadedPlugins;
import dev.descent.core.plugin.PluginEntry;
import dev.descent.core.plugin.PluginJars;
import dev.descent.core.plugin.PluginProblem;
import dev.descent.core.plugin.PluginRegistry;
import dev.descent.spi.PluginKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The optimizer {@code bench-optimizer} tests and the registry it runs with. A name is looked up in the registry
 * the process loaded (built-ins plus {@code --plugins DIR}); a jar path is loaded the way the plugin directory
 * loads its jars ({@link PluginJars}), beside the directory's jars, and must provide exactly one optimizer.
 *
 * @param jar the jar it came from; null for a name
 */
record BenchCandidate(String name, PluginRegistry registry, Path jar) {

  static BenchCandidate resolve(String arg, PluginRegistry plugins, LoadedPlugins loaded) {
    if (!arg.endsWith(".jar") && !arg.contains("/")) {
      return new BenchCandidate(arg, plugins, null); // a name: BenchSpec.validate says if it is unknown
    }
    Path jar = Path.of(arg).toAbsolutePath().normalize();
    if (Files.isDirectory(jar)) {
      throw new DescentException(ErrorCode.INVALID_INPUT, "NAME|JAR: " + arg + " is a directory; give the path of"
          + " one plugin jar (a .jar file), or load the directory with --plugins " + arg + " and give the name");
    }
    if (!Files.isRegularFile(jar)) {
      throw new DescentException(ErrorCode.NOT_FOUND, "NAME|JAR: no such jar file '" + arg + "'; give the path of"
          + " a plugin jar such as plugins/examples/lion-optimizer/target/descent-lion-optimizer-1.0.0.jar, or a"
          + " loaded optimizer's name (" + String.join(", ", plugins.names(PluginKind.OPTIMIZER)) + ")");
    }
    List<Path> jars = new ArrayList<>(PluginJars.jarsIn(loaded.directory()));
    jars.remove(jar);
    jars.add(0, jar); // first, so the jar given wins a name clash with the directory's copy of it
    LoadedPlugins withJar = PluginJars.load(jars, loaded.directory(), BenchCandidate.class.getClassLoader());
    List<PluginEntry> optimizers = withJar.registry().entries().stream()
        .filter(e -> jar.equals(e.source()) && e.kind() == PluginKind.OPTIMIZER).toList();
    List<String> problems = withJar.problems().stream().filter(p -> jar.equals(p.jar()))
        .map(PluginProblem::message).toList();
    if (optimizers.size() != 1) {
      throw new DescentException(ErrorCode.INVALID_INPUT, "NAME|JAR: " + arg + " provides " + (optimizers.isEmpty()
          ? "no optimizer" : optimizers.size() + " optimizers (" + String.join(", ", optimizers.stream()
              .map(PluginEntry::name).toList()) + "); load it with --plugins DIR and give the one to test by name")
          + (problems.isEmpty() ? "" : "; loading it said: " + String.join("; ", problems))
          + (optimizers.isEmpty() ? "; check it with: descent plugins verify " + arg : ""));
    }
    return new BenchCandidate(optimizers.get(0).name(), withJar.registry(), jar);
  }
}
