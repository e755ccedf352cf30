package dev.descent.cli;

import dev.descent.spi.OptimizerProvider;
import dev.descent.spi.PluginNames;
import dev.descent.spi.SpiVersion;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ServiceLoader;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import javax.lang.model.SourceVersion;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code descent plugins new optimizer NAME}: a ready plugin project, so a plugin author starts from
 * something that builds, passes the contract and verifies, and only writes the update rule.
 */
@Command(name = "new", mixinStandardHelpOptions = true,
    description = "Create a plugin project: pom (for this descent's version), provider, optimizer, services file, "
        + "contract test, reference trace test with its JSON points and Python script, and a sample sweep. "
        + "It builds with 'mvn package' and passes 'descent plugins verify' as generated. Exit code 2 on bad input.")
final class PluginNewCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "KIND", description = "what to create; only 'optimizer' so far")
  String kind;

  @Parameters(index = "1", paramLabel = "NAME", description = "the plugin's name, lowercase snake_case (adamax)")
  String name;

  @Option(names = "--package", paramLabel = "P", description = "Java package (default: com.example.NAME)")
  String packageName;

  @Option(names = "--dir", paramLabel = "D", description = "project directory, new or empty (default: ./descent-NAME-optimizer)")
  Path dir;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (!"optimizer".equals(kind)) {
      err.println("descent: cannot create a plugin of kind '" + kind + "'; only 'optimizer' has a template. "
          + "For an activation or a loss, see docs/writing-a-plugin.md.");
      return 2;
    }
    if (!PluginNames.isValid(name)) {
      err.println("descent: plugin name '" + name + "' must be " + PluginNames.rule());
      return 2;
    }
    for (OptimizerProvider builtin : ServiceLoader.load(OptimizerProvider.class, PluginNewCommand.class.getClassLoader())) {
      if (builtin.name().equals(name)) {
        err.println("descent: '" + name + "' is already an optimizer of this installation; two plugins cannot "
            + "share a name, choose another");
        return 2;
      }
    }
    String pkg = packageName == null ? PluginScaffold.defaultPackage(name) : packageName;
    if (!SourceVersion.isName(pkg)) {
      err.println("descent: '" + pkg + "' is not a Java package name; give --package like com.example." + name.replace("_", ""));
      return 2;
    }
    PluginScaffold.Project project = new PluginScaffold.Project(name, pkg, null, SpiVersion.descentVersion());
    Path target = (dir == null ? Path.of(project.artifactId()) : dir).toAbsolutePath().normalize();
    if (!emptyOrMissing(target)) {
      err.println("descent: " + target + " exists and is not empty; give a new directory with --dir");
      return 2;
    }
    project = new PluginScaffold.Project(name, pkg, target, project.descentVersion());
    PluginScaffold.write(project);
    String jar = "target/" + project.artifactId() + "-0.1.0.jar";
    out.println("created optimizer plugin '" + name + "' (" + pkg + "." + project.className() + ") for descent "
        + project.descentVersion() + " in " + target);
    out.println("next:");
    out.println("  cd " + target);
    out.println("  mvn package                              # contract + reference trace tests, then the jar");
    out.println("  descent plugins verify " + jar);
    out.println("  descent --plugins target run " + name + "-vs-adam.yaml");
    out.println("then write the update rule in " + project.className() + ".java and its parameters in "
        + project.className() + "Provider.java, and make reference points with "
        + "src/test/resources/reference/make_reference.py");
    out.flush();
    return 0;
  }

  private static boolean emptyOrMissing(Path dir) {
    if (!Files.exists(dir)) {
      return true;
    }
    if (!Files.isDirectory(dir)) {
      return false;
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.findAny().isEmpty();
    } catch (IOException e) {
      return false;
    }
  }
}
