package dev.descent.cli;

import dev.descent.core.Json;
import dev.descent.core.plugin.LoadedPlugins;
import dev.descent.core.plugin.PluginEntry;
import dev.descent.core.plugin.PluginProblem;
import dev.descent.spi.ParamSpec;
import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code descent plugins}: what activations, losses and optimizers this installation has, where
 * each came from, which jars of the plugin directory were refused and why, and a checker for a
 * jar before it goes into the plugin directory.
 */
@Command(name = "plugins", mixinStandardHelpOptions = true,
    description = "List, diagnose, verify and create plugins. The plugin directory is --plugins DIR (a global option), "
        + "else $DESCENT_PLUGINS, else the 'plugins' folder inside the store directory "
        + "(./descent-store/plugins for the default store).",
    subcommands = {PluginsCommand.ListCommand.class, PluginsCommand.ProblemsCommand.class, PluginVerifyCommand.class,
        PluginNewCommand.class})
public final class PluginsCommand {

  /** {@code descent plugins list}. */
  @Command(name = "list", mixinStandardHelpOptions = true,
      description = "Every plugin with its kind, name, parameters and defaults, version, the jar it came from and "
          + "its SHA-256, then the problems of the plugin directory's jars. --json prints the plugins only; "
          + "see 'plugins problems --json' for the problems.")
  static final class ListCommand implements Runnable {
    @Option(names = "--json", description = "print the plugins as a JSON array")
    boolean json;

    /** Accepted so that the default plugin directory, inside the store, is the one a run would use. */
    @Mixin
    StoreOptions storeOptions;

    @Spec
    CommandSpec spec;

    private final LoadedPlugins loaded;

    @Inject
    ListCommand(LoadedPlugins loaded) {
      this.loaded = loaded;
    }

    @Override
    public void run() {
      PrintWriter out = spec.commandLine().getOut();
      if (json) {
        List<Object> all = new ArrayList<>();
        loaded.registry().entries().forEach(e -> all.add(asMap(e)));
        out.println(Json.write(all));
      } else {
        out.println("plugin directory: " + (loaded.directory() == null ? "none" : loaded.directory()));
        loaded.registry().entries().forEach(e -> print(out, e));
        if (!loaded.problems().isEmpty()) {
          out.println();
          out.println("problems (" + loaded.problems().size() + "):");
          loaded.problems().forEach(p -> out.println("  " + (p.rejected() ? "rejected " : "warning  ") + p));
        }
      }
      out.flush();
    }

    private static void print(PrintWriter out, PluginEntry e) {
      out.printf("%-10s %-22s %-16s %s%n", e.kind().label(), e.name(), e.version(),
          e.source() == null ? "?" : e.source());
      out.printf("           %s%n", e.plugin().description());
      if (!"-".equals(e.sha256())) {
        out.printf("           sha256 %s%n", e.sha256());
      }
      for (ParamSpec p : e.plugin().parameters()) {
        out.printf("             %-26s %-8s default %-8s %s; %s%n", p.name(), p.type().name().toLowerCase(Locale.ROOT),
            p.defaultValue(), p.allowed(), p.description());
      }
    }

    static Map<String, Object> asMap(PluginEntry e) {
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
        pm.put("type", p.type().name().toLowerCase(Locale.ROOT));
        pm.put("default", p.defaultValue());
        pm.put("allowed", p.allowed());
        pm.put("description", p.description());
        params.add(pm);
      }
      m.put("parameters", params);
      return m;
    }
  }

  /** {@code descent plugins problems}: the jars of the plugin directory that were refused or warned about. */
  @Command(name = "problems", mixinStandardHelpOptions = true,
      description = "The problems of the plugin directory's jars, one per bad jar or plugin. Exit code 1 if a "
          + "plugin was rejected, else 0.")
  static final class ProblemsCommand implements java.util.concurrent.Callable<Integer> {
    @Option(names = "--json", description = "print [{jar, rejected, message}, ...] as JSON")
    boolean json;

    /** Accepted so that the default plugin directory, inside the store, is the one a run would use. */
    @Mixin
    StoreOptions storeOptions;

    @Spec
    CommandSpec spec;

    private final LoadedPlugins loaded;

    @Inject
    ProblemsCommand(LoadedPlugins loaded) {
      this.loaded = loaded;
    }

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      if (json) {
        List<Object> rows = new ArrayList<>();
        for (PluginProblem p : loaded.problems()) {
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("jar", p.jar().toString());
          m.put("rejected", p.rejected());
          m.put("message", p.message());
          rows.add(m);
        }
        out.println(Json.write(rows));
      } else if (loaded.problems().isEmpty()) {
        out.println("no problems in " + (loaded.directory() == null ? "(no plugin directory)" : loaded.directory()));
      } else {
        loaded.problems().forEach(p -> out.println((p.rejected() ? "rejected " : "warning  ") + p));
      }
      out.flush();
      return loaded.problems().stream().anyMatch(PluginProblem::rejected) ? 1 : 0;
    }
  }
}
