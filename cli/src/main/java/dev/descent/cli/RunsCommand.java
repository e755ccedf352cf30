package dev.descent.cli;

import dev.descent.core.DescentException;
import dev.descent.core.ErrorCode;
import dev.descent.core.Json;
import dev.descent.core.search.SearchPage;
import dev.descent.core.store.Run;
import dev.descent.core.store.RunLabels;
import dev.descent.core.tracking.RunViews;
import dev.descent.core.tracking.Workspace;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code descent runs}: list, search, show, tag, annotate, export, delete and reindex stored runs. */
@Command(name = "runs", mixinStandardHelpOptions = true, description = "Find and manage stored runs.",
    subcommands = {RunsCommand.Search.class, RunsCommand.ListRuns.class, RunsCommand.Show.class,
        RunsCommand.Export.class, RunsCommand.Tag.class, RunsCommand.Note.class, RunsCommand.Delete.class,
        RunsCommand.Reindex.class, RunsCommand.Evaluate.class, ImportMlflowCommand.class})
public final class RunsCommand {

  /** Shared by the commands that print pages of runs. */
  abstract static class PageCommand implements Callable<Integer> {
    @Mixin
    StoreOptions storeOptions;

    @Option(names = "--sort", description = "FIELD:asc|desc, e.g. val_accuracy:desc (default: newest first)")
    String sort;

    @Option(names = "--limit", defaultValue = "20", description = "runs per page (default: ${DEFAULT-VALUE})")
    int limit;

    @Option(names = "--offset", defaultValue = "0", description = "runs to skip")
    int offset;

    @Option(names = "--json", description = "print JSON: {total, runs: [...]}")
    boolean json;

    @Spec
    CommandSpec spec;

    abstract String query();

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      try (Workspace ws = storeOptions.open()) {
        SearchPage page = ws.search().search(query(), sort, offset, limit);
        List<Run> runs = ws.store().summaries(page.ids());
        if (json) {
          out.println(Json.write(java.util.Map.of("total", page.total(), "runs", runs.stream().map(RunViews::summary).toList())));
        } else {
          RunTable.print(out, runs, page.total());
        }
      }
      out.flush();
      return 0;
    }
  }

  @Command(name = "search", mixinStandardHelpOptions = true,
      description = "Runs matching a query, e.g. 'optimizer:adam AND learning_rate<=1e-3' (docs/query-language.md).")
  static final class Search extends PageCommand {
    @Parameters(paramLabel = "QUERY", description = "Lucene query syntax over params, metrics, status, tags, text")
    String query;

    @Override
    String query() {
      return query;
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "Every run, newest first.")
  static final class ListRuns extends PageCommand {
    @Override
    String query() {
      return "";
    }
  }

  @Command(name = "show", mixinStandardHelpOptions = true, description = "One run: config, params, metrics, provenance.")
  static final class Show implements Callable<Integer> {
    @Parameters(paramLabel = "ID")
    String id;

    @Mixin
    StoreOptions storeOptions;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
      try (Workspace ws = storeOptions.open()) {
        Run run = RunViews.require(ws.store(), id);
        spec.commandLine().getOut().println(Json.writePretty(RunViews.full(run, ws.store())));
      }
      spec.commandLine().getOut().flush();
      return 0;
    }
  }

  @Command(name = "export", mixinStandardHelpOptions = true, description = "Runs matching QUERY (all by default) as CSV or JSON.")
  static final class Export implements Callable<Integer> {
    @Parameters(paramLabel = "QUERY", arity = "0..1", defaultValue = "")
    String query;

    @Option(names = "--format", defaultValue = "csv", description = "csv or json (default: ${DEFAULT-VALUE})")
    String format;

    @Option(names = "--sort", description = "FIELD:asc|desc")
    String sort;

    @Mixin
    StoreOptions storeOptions;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
      if (!format.equals("csv") && !format.equals("json")) {
        throw new DescentException(ErrorCode.INVALID_INPUT, "--format: was '" + format + "', must be csv or json");
      }
      PrintWriter out = spec.commandLine().getOut();
      try (Workspace ws = storeOptions.open()) {
        List<Run> runs = new ArrayList<>();
        int pageSize = 1000;
        for (int offset = 0; ; offset += pageSize) {
          SearchPage page = ws.search().search(query, sort, offset, pageSize);
          runs.addAll(ws.store().summaries(page.ids()));
          if (offset + pageSize >= page.total()) {
            break;
          }
        }
        if (format.equals("json")) {
          out.println(plainJson(runs.stream().map(RunViews::summary).toList()));
        } else {
          RunViews.writeCsv(out, runs);
        }
      }
      out.flush();
      return 0;
    }
  }

  /**
   * JSON as {@link Json#write} makes it (NaN as null), its doubles written as {@link dev.descent.core.Numbers#plain}
   * does ({@code 1e-08}, not {@code 1.0E-8}): an export is read by people and by tools other than Java.
   */
  static String plainJson(Object value) {
    var doubles = new com.fasterxml.jackson.databind.module.SimpleModule().addSerializer(Double.class,
        new com.fasterxml.jackson.databind.ser.std.StdSerializer<Double>(Double.class) {
          @Override
          public void serialize(Double d, com.fasterxml.jackson.core.JsonGenerator gen,
              com.fasterxml.jackson.databind.SerializerProvider provider) throws java.io.IOException {
            gen.writeNumber(dev.descent.core.Numbers.plain(d.doubleValue()));
          }
        });
    try {
      Object plain = Json.mapper().readValue(Json.write(value), Object.class);
      return Json.mapper().copy().registerModule(doubles).writeValueAsString(plain);
    } catch (java.io.IOException e) {
      throw new IllegalStateException("cannot write JSON", e);
    }
  }

  @Command(name = "tag", mixinStandardHelpOptions = true, description = "Add a tag to a run.")
  static final class Tag implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "ID")
    String id;

    @Parameters(index = "1", paramLabel = "TAG")
    String tag;

    @Option(names = "--remove", description = "remove the tag instead")
    boolean remove;

    @Mixin
    StoreOptions storeOptions;

    @Override
    public Integer call() {
      try (Workspace ws = storeOptions.open()) {
        Run run = RunViews.require(ws.store(), id);
        if (remove) {
          RunLabels.requireTagged(run, tag);
          ws.store().removeTag(id, tag);
        } else {
          ws.store().addTag(id, tag);
        }
        ws.sync();
      }
      return 0;
    }
  }

  @Command(name = "note", mixinStandardHelpOptions = true, description = "Set a run's free-text note.")
  static final class Note implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "ID")
    String id;

    @Parameters(index = "1", paramLabel = "TEXT")
    String text;

    @Mixin
    StoreOptions storeOptions;

    @Override
    public Integer call() {
      try (Workspace ws = storeOptions.open()) {
        RunViews.require(ws.store(), id);
        ws.store().setNote(id, text);
        ws.sync();
      }
      return 0;
    }
  }

  @Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete a run and its metrics.")
  static final class Delete implements Callable<Integer> {
    @Parameters(paramLabel = "ID")
    String id;

    @Mixin
    StoreOptions storeOptions;

    @Override
    public Integer call() {
      try (Workspace ws = storeOptions.open()) {
        if (!ws.store().delete(id)) {
          throw new DescentException(ErrorCode.NOT_FOUND, "No run '" + id + "' in " + ws.location());
        }
        ws.sync();
      }
      return 0;
    }
  }

  @Command(name = "reindex", mixinStandardHelpOptions = true, description = "Rebuild the search index from the store.")
  static final class Reindex implements Callable<Integer> {
    @Mixin
    StoreOptions storeOptions;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
      try (Workspace ws = storeOptions.open()) {
        long t0 = System.nanoTime();
        int n = ws.index().rebuild(ws.store());
        double s = (System.nanoTime() - t0) / 1e9;
        spec.commandLine().getOut().printf("reindexed %d runs in %.2f s (%,.0f runs/s)%n", n, s, n / Math.max(s, 1e-9));
      }
      spec.commandLine().getOut().flush();
      return 0;
    }
  }

  @Command(name = "evaluate", mixinStandardHelpOptions = true,
      description = "Load a run's saved weights into its model and evaluate them on its test set again.")
  static final class Evaluate implements Callable<Integer> {
    @Parameters(paramLabel = "ID")
    String id;

    @Mixin
    StoreOptions storeOptions;

    @Spec
    CommandSpec spec;

    private final dev.descent.core.train.Trainer trainer;
    private final dev.descent.core.plugin.PluginRegistry plugins;

    @jakarta.inject.Inject
    Evaluate(dev.descent.core.train.Trainer trainer, dev.descent.core.plugin.PluginRegistry plugins) {
      this.trainer = trainer;
      this.plugins = plugins;
    }

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      try (Workspace ws = storeOptions.open()) {
        Run run = RunViews.require(ws.store(), id);
        float[] weights = ws.artifacts().load(id);
        var exp = new dev.descent.core.experiment.ExperimentParser(plugins).parseDocument(
            new java.util.LinkedHashMap<>(run.config()), "run " + id + " (stored config)", null);
        var data = dev.descent.core.data.Datasets.load(exp.dataset());
        var eval = trainer.evaluate(exp, data, weights);
        out.printf("run %s: test loss %.6f, test accuracy %s on %d examples (recorded: loss %s, accuracy %s)%n", id,
            eval.loss(), Summary.fmt(eval.accuracy()), eval.examples(), run.test().get("test_loss"),
            run.test().get("test_accuracy"));
      }
      out.flush();
      return 0;
    }
  }
}
