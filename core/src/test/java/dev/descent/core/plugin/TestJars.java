package dev.descent.core.plugin;

import dev.descent.spi.Plugin;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Builds plugin jars in a test: compiles a provider's source against the SPI and nd4j-api, writes
 * the service file and the manifest, and jars it, so each broken-plugin test has a real jar that
 * goes through the real loader.
 */
public final class TestJars {
  private TestJars() {}

  /**
   * The source of an optimizer provider {@code pkg.Provider} named {@code name} doing plain gradient
   * descent; {@code members} is pasted into the class (a constructor, a static initializer).
   */
  public static String optimizer(String pkg, String name, String members) {
    return optimizer(pkg, name, members, "param.subi(g.mul(lr));");
  }

  /** As {@link #optimizer(String, String, String)} with {@code step} as the update's body (param, g, lr). */
  public static String optimizer(String pkg, String name, String members, String step) {
    return "package " + pkg + ";\n"
        + "import dev.descent.spi.*;\n"
        + "import java.util.List;\n"
        + "import org.nd4j.linalg.api.ndarray.INDArray;\n"
        + "public final class Provider implements OptimizerProvider {\n"
        + members + "\n"
        + "  public String name() { return \"" + name + "\"; }\n"
        + "  public String description() { return \"plain gradient descent, for tests\"; }\n"
        + "  public List<ParamSpec> parameters() {\n"
        + "    return List.of(ParamSpec.real(LEARNING_RATE, 0.1, \"step size\").atLeast(0));\n"
        + "  }\n"
        + "  public Optimizer create(Params p) {\n"
        + "    double lr = p.real(LEARNING_RATE);\n"
        + "    return new Optimizer() {\n"
        + "      public Params params() { return p; }\n"
        + "      public double learningRate() { return lr; }\n"
        + "      public ParameterState newState(INDArray x) {\n"
        + "        return new ParameterState() {\n"
        + "          private long n;\n"
        + "          public void step(INDArray param, INDArray g) { " + step + " n++; }\n"
        + "          public long steps() { return n; }\n"
        + "        };\n"
        + "      }\n"
        + "    };\n"
        + "  }\n"
        + "}\n";
  }

  /**
   * Compiles {@code source} (class {@code pkg.Provider}) and writes {@code jar} listing it as an
   * optimizer provider, with the given manifest attributes (null values are left out).
   */
  public static Path optimizerJar(Path jar, String pkg, String source, String version, String spiVersion) throws IOException {
    Path classes = Files.createTempDirectory(jar.getParent(), "classes-");
    compile(classes, pkg + ".Provider", source);
    Manifest m = new Manifest();
    m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    if (version != null) {
      m.getMainAttributes().put(Attributes.Name.IMPLEMENTATION_VERSION, version);
    }
    if (spiVersion != null) {
      m.getMainAttributes().putValue("Descent-SPI-Version", spiVersion);
    }
    try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, m)) {
      out.putNextEntry(new JarEntry("META-INF/services/dev.descent.spi.OptimizerProvider"));
      out.write((pkg + ".Provider\n").getBytes(StandardCharsets.UTF_8));
      out.closeEntry();
      List<Path> files;
      try (Stream<Path> s = Files.walk(classes)) {
        files = s.filter(Files::isRegularFile).sorted().toList();
      }
      for (Path f : files) {
        out.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
        out.write(Files.readAllBytes(f));
        out.closeEntry();
      }
    }
    return jar;
  }

  private static void compile(Path outDir, String className, String source) throws IOException {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    if (javac == null) {
      throw new IllegalStateException("tests need a JDK (no system Java compiler)");
    }
    String classpath = PluginEntry.sourceOf(Plugin.class) + java.io.File.pathSeparator + PluginEntry.sourceOf(INDArray.class);
    JavaFileObject file = new SimpleJavaFileObject(
        URI.create("string:///" + className.replace('.', '/') + ".java"), JavaFileObject.Kind.SOURCE) {
      @Override
      public CharSequence getCharContent(boolean ignoreEncodingErrors) {
        return source;
      }
    };
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    try (StandardJavaFileManager fm = javac.getStandardFileManager(diagnostics, null, StandardCharsets.UTF_8)) {
      List<String> options = new ArrayList<>(List.of("-d", outDir.toString(), "-classpath", classpath, "--release", "17"));
      if (!javac.getTask(null, fm, diagnostics, options, null, List.of(file)).call()) {
        throw new IllegalStateException("test plugin " + className + " does not compile: " + diagnostics.getDiagnostics());
      }
    }
  }
}
