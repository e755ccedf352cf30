package dev.descent.cli;

import dev.descent.spi.SpiVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a new optimizer plugin project from the templates under
 * {@code dev/descent/cli/scaffold/optimizer}: pom, optimizer, provider, services file, contract
 * test, reference trace test with placeholder reference points, the script that makes reference
 * points, and a sample sweep. The project builds and verifies as written; its placeholder update
 * rule is plain gradient descent, which the placeholder points (torch.optim.SGD) describe.
 *
 * <p>Templates are plain files with {@code {{key}}} placeholders, no template engine: what a user
 * reads in the generated files is what the templates hold.
 */
final class PluginScaffold {
  private static final String TEMPLATES = "/dev/descent/cli/scaffold/optimizer/";

  /** What the templates are filled with. */
  record Project(String name, String packageName, Path dir, String descentVersion) {
    String className() {
      StringBuilder b = new StringBuilder();
      for (String part : name.split("_")) {
        if (!part.isEmpty()) {
          b.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
        }
      }
      return b.toString();
    }

    String artifactId() {
      return "descent-" + name.replace('_', '-') + "-optimizer";
    }

    Map<String, String> values() {
      Map<String, String> v = new LinkedHashMap<>();
      v.put("name", name);
      v.put("Name", className());
      v.put("package", packageName);
      v.put("package_path", packageName.replace('.', '/'));
      v.put("artifactId", artifactId());
      v.put("descent_version", descentVersion);
      v.put("spi_major", Integer.toString(SpiVersion.MAJOR));
      return v;
    }
  }

  private PluginScaffold() {}

  /** The default package for a plugin name: {@code com.example.adamax}. */
  static String defaultPackage(String name) {
    return "com.example." + name.replace("_", "");
  }

  /** Writes the project into {@code p.dir()}, which must not exist or be empty; returns the files written. */
  static List<Path> write(Project p) {
    String src = p.packageName().replace('.', '/');
    String cls = p.className();
    Map<String, String> files = new LinkedHashMap<>();
    files.put("pom.xml", "pom.xml.tmpl");
    files.put("README.md", "README.md.tmpl");
    files.put(".gitignore", "gitignore");
    files.put(p.name() + "-vs-adam.yaml", "sweep.yaml.tmpl");
    files.put("src/main/java/" + src + "/" + cls + ".java", "Optimizer.java.tmpl");
    files.put("src/main/java/" + src + "/" + cls + "Provider.java", "Provider.java.tmpl");
    files.put("src/main/resources/META-INF/services/dev.descent.spi.OptimizerProvider", "services.tmpl");
    files.put("src/test/java/" + src + "/" + cls + "ContractTest.java", "ContractTest.java.tmpl");
    files.put("src/test/java/" + src + "/" + cls + "TraceTest.java", "TraceTest.java.tmpl");
    files.put("src/test/resources/reference/" + p.name() + ".json", "reference.json");
    files.put("src/test/resources/reference/make_reference.py", "make_reference.py.tmpl");
    files.put("src/test/resources/simplelogger.properties", "simplelogger.properties");
    List<Path> written = new ArrayList<>();
    try {
      for (Map.Entry<String, String> f : files.entrySet()) {
        Path target = p.dir().resolve(f.getKey());
        Files.createDirectories(target.getParent());
        Files.writeString(target, fill(template(f.getValue()), p.values()));
        written.add(target);
      }
      p.dir().resolve("src/test/resources/reference/make_reference.py").toFile().setExecutable(true);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return written;
  }

  static String fill(String template, Map<String, String> values) {
    String out = template;
    for (Map.Entry<String, String> v : values.entrySet()) {
      out = out.replace("{{" + v.getKey() + "}}", v.getValue());
    }
    return out;
  }

  private static String template(String file) throws IOException {
    try (InputStream in = PluginScaffold.class.getResourceAsStream(TEMPLATES + file)) {
      if (in == null) {
        throw new IllegalStateException("template " + TEMPLATES + file + " is missing from the descent jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
