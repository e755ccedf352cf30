package dev.descent.cli;

import dev.descent.core.Json;
import dev.descent.core.plugin.PluginEntry;
import dev.descent.core.plugin.PluginRegistry;
import dev.descent.spi.ParamSpec;
import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code descent plugins}: what activations, losses and optimizers this installation has. */
@Command(name = "plugins", mixinStandardHelpOptions = true, description = "List the plugins.",
    subcommands = {PluginsCommand.ListCommand.class})
public final class PluginsCommand {

  /** {@code descent plugins list}. */
  @Command(name = "list", mixinStandardHelpOptions = true,
      description = "Every plugin with its kind, name, parameters and defaults, version and the jar it came from.")
  static final class ListCommand implements Runnable {
    @Option(names = "--json", description = "print JSON")
    boolean json;

    @Spec
    CommandSpec spec;

    private final PluginRegistry registry;

    @Inject
    ListCommand(PluginRegistry registry) {
      this.registry = registry;
    }

    @Override
    public void run() {
      PrintWriter out = spec.commandLine().getOut();
      if (json) {
        List<Object> all = new ArrayList<>();
        registry.entries().forEach(e -> all.add(asMap(e)));
        out.println(Json.write(all));
      } else {
        registry.entries().forEach(e -> print(out, e));
      }
      out.flush();
    }

    private static void print(PrintWriter out, PluginEntry e) {
      out.printf("%-10s %-22s %-16s %s%n", e.kind().label(), e.name(), e.version(),
          e.source() == null ? "?" : e.source());
      out.printf("           %s%n", e.plugin().description());
      for (ParamSpec p : e.plugin().parameters()) {
        out.printf("             %-26s %-8s default %-8s %s; %s%n", p.name(), p.type().name().toLowerCase(java.util.Locale.ROOT),
            p.defaultValue(), p.allowed(), p.description());
      }
    }

    private static Map<String, Object> asMap(PluginEntry e) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("kind", e.kind().label());
      m.put("name", e.name());
      m.put("version", e.version());
      m.put("description", e.plugin().description());
      m.put("provider", e.providerClass());
      m.put("source", e.source() == null ? null : e.source().toString());
      m.put("sha256", e.sha256());
      List<Object> params = new ArrayList<>();
      for (ParamSpec p : e.plugin().parameters()) {
        Map<String, Object> pm = new LinkedHashMap<>();
        pm.put("name", p.name());
        pm.put("type", p.type().name().toLowerCase(java.util.Locale.ROOT));
        pm.put("default", p.defaultValue());
        pm.put("allowed", p.allowed());
        pm.put("description", p.description());
        params.add(pm);
      }
      m.put("parameters", params);
      return m;
    }
  }
}
