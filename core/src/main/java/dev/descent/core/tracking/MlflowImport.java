package dev.descent.core.tracking;

import dev.descent.core.DescentException;
import dev.descent.core.ErrorCode;
import dev.descent.core.store.LoggedMetric;
import dev.descent.core.store.MlflowExperiment;
import dev.descent.core.store.MlflowRecords;
import dev.descent.core.store.NewRun;
import dev.descent.core.store.RunStore;
import dev.descent.core.train.RunStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Imports an MLflow file store ({@code mlruns/}) into descent's store, so MLflow users bring their history:
 * each experiment folder ({@code meta.yaml}, {@code tags/}) and each run folder in it ({@code meta.yaml},
 * {@code params/}, {@code metrics/}, {@code tags/}; a key with slashes is a nested path). A metric file has one
 * point per line, {@code timestamp value [step]}. Runs keep their MLflow ids, so importing again skips the runs
 * already there; each run is written as the MLflow API writes one ({@link MlflowRecords}), so it is searchable
 * and drawn like any other. The model registry ({@code models/}) and the trash ({@code .trash/}) are not read.
 */
public final class MlflowImport {
  /** What an import did. */
  public record Result(int experiments, int runs, int skipped, long points) {}

  /** MLflow's RunStatus numbers as the file store writes them. */
  private static final Map<Integer, String> STATUS = Map.of(1, "RUNNING", 2, "QUEUED", 3, "FINISHED", 4, "FAILED",
      5, "STOPPED");
  private static final int CHUNK = 10_000;

  private final RunStore store;
  private final MlflowRecords records;
  private final Clock clock;

  public MlflowImport(RunStore store, Clock clock) {
    this.store = store;
    this.records = store.mlflow();
    this.clock = clock;
  }

  public Result run(Path mlruns) {
    if (!Files.isDirectory(mlruns)) {
      throw new DescentException(ErrorCode.INVALID_INPUT, "No MLflow file store at " + mlruns
          + ": give the mlruns/ directory (it holds one folder per experiment, each with a meta.yaml)");
    }
    int experiments = 0;
    int runs = 0;
    int skipped = 0;
    long points = 0;
    for (Path expDir : children(mlruns)) {
      Map<String, Object> meta = meta(expDir);
      if (meta == null || meta.get("name") == null) {
        continue;
      }
      experiments++;
      MlflowExperiment e = experiment(meta, expDir);
      for (Path runDir : children(expDir)) {
        Map<String, Object> runMeta = meta(runDir);
        if (runMeta == null) {
          continue;
        }
        String id = text(runMeta.getOrDefault("run_id", runMeta.getOrDefault("run_uuid", runDir.getFileName())));
        if (store.get(id).isPresent()) {
          skipped++;
          continue;
        }
        points += importRun(id, e, runMeta, runDir);
        runs++;
      }
    }
    return new Result(experiments, runs, skipped, points);
  }

  private MlflowExperiment experiment(Map<String, Object> meta, Path dir) {
    String name = text(meta.get("name"));
    Instant now = clock.instant();
    MlflowExperiment e = records.experimentByName(name, now).orElse(null);
    if (e == null) {
      long id = records.createExperiment(name, null, keyValues(dir.resolve("tags")), now);
      e = records.experiment(id).orElseThrow();
      if ("deleted".equals(meta.get("lifecycle_stage"))) {
        records.setExperimentLifecycle(id, "deleted", now);
      }
    }
    return e;
  }

  private long importRun(String id, MlflowExperiment e, Map<String, Object> meta, Path dir) {
    Map<String, String> tags = keyValues(dir.resolve("tags"));
    Object name = meta.get("run_name");
    if (name != null && !text(name).isEmpty()) {
      tags.putIfAbsent("mlflow.runName", text(name));
    }
    Object user = meta.get("user_id");
    if (user != null && !text(user).isEmpty()) {
      tags.putIfAbsent("mlflow.user", text(user));
    }
    Instant start = Instant.ofEpochMilli(number(meta.get("start_time"), 0));
    records.createRun(new NewRun(id, e.name(), null, Map.of(), Map.of(), Map.of("source", "mlflow-import",
        "imported_from", dir.toAbsolutePath().toString()), java.util.Set.of(), start), RunStatus.RUNNING);
    Map<String, String> params = keyValues(dir.resolve("params"));
    List<LoggedMetric> metrics = metrics(dir.resolve("metrics"));
    Instant now = clock.instant();
    records.logBatch(id, List.of(), params, tags, now);
    for (int from = 0; from < metrics.size(); from += CHUNK) {
      records.logBatch(id, metrics.subList(from, Math.min(metrics.size(), from + CHUNK)), Map.of(), Map.of(), now);
    }
    Object status = meta.get("status");
    String label = status instanceof Number n ? STATUS.getOrDefault(n.intValue(), "FINISHED")
        : STATUS.values().contains(text(status)) ? text(status) : "FINISHED";
    Object end = meta.get("end_time");
    records.updateRun(id, RunStatus.valueOf(label), end == null ? null : Instant.ofEpochMilli(number(end, 0)), null);
    if ("deleted".equals(meta.get("lifecycle_stage"))) {
      records.setDeleted(id, true);
    }
    return metrics.size();
  }

  /** Every point of every metric file under {@code dir}: {@code timestamp value [step]} per line. */
  private static List<LoggedMetric> metrics(Path dir) {
    List<LoggedMetric> out = new ArrayList<>();
    files(dir).forEach((key, file) -> {
      for (String line : lines(file)) {
        String[] f = line.trim().split("\\s+");
        if (f.length < 2) {
          continue;
        }
        try {
          out.add(new LoggedMetric(key, Double.parseDouble(f[1]), Long.parseLong(f[0]),
              f.length > 2 ? Long.parseLong(f[2]) : 0));
        } catch (NumberFormatException ex) {
          throw new DescentException(ErrorCode.INVALID_INPUT, file + ": line '" + line + "' is not"
              + " 'timestamp value step'");
        }
      }
    });
    return out;
  }

  /** Params or tags: one file per key (slashes in a key are folders), the file's text the value. */
  private static Map<String, String> keyValues(Path dir) {
    Map<String, String> out = new LinkedHashMap<>();
    files(dir).forEach((key, file) -> {
      try {
        out.put(key, Files.readString(file, StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
    return out;
  }

  private static Map<String, Path> files(Path dir) {
    Map<String, Path> out = new TreeMap<>();
    if (!Files.isDirectory(dir)) {
      return out;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.filter(Files::isRegularFile).forEach(f -> out.put(dir.relativize(f).toString().replace('\\', '/'), f));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  private static List<Path> children(Path dir) {
    try (Stream<Path> list = Files.list(dir)) {
      return list.filter(Files::isDirectory).filter(p -> !p.getFileName().toString().startsWith("."))
          .filter(p -> !p.getFileName().toString().equals("models")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> meta(Path dir) {
    Path file = dir.resolve("meta.yaml");
    if (!Files.isRegularFile(file)) {
      return null;
    }
    try {
      Object parsed = new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(file));
      return parsed instanceof Map<?, ?> m ? (Map<String, Object>) m : null;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (RuntimeException e) {
      throw new DescentException(ErrorCode.INVALID_INPUT, file + ": not readable YAML (" + e.getMessage() + ")");
    }
  }

  private static List<String> lines(Path file) {
    try {
      return Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static long number(Object v, long otherwise) {
    if (v instanceof Number n) {
      return n.longValue();
    }
    try {
      return v == null ? otherwise : Long.parseLong(text(v).trim());
    } catch (NumberFormatException e) {
      return otherwise;
    }
  }

  private static String text(Object v) {
    return String.valueOf(v);
  }
}
