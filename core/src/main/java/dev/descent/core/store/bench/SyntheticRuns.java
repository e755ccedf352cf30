package dev.descent.core.store.bench;

import dev.descent.core.store.MetricPoint;
import dev.descent.core.store.NewRun;
import dev.descent.core.store.RunStore;
import dev.descent.core.store.RunStores;
import dev.descent.core.train.RunStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Synthetic runs for benchmarks, shaped like a Fashion-MNIST sweep: 10 params, 20 epochs of the 7
 * standard metrics, seeded so two benchmarks ingest the same data. {@link #main} measures ingest
 * through the {@link RunStore} API, not raw SQL, since that is what {@code descent} pays:
 * <pre>
 * java -cp ... dev.descent.core.store.bench.SyntheticRuns LOCATION [RUNS=100000] [per-run|per-epoch]
 * </pre>
 * {@code per-run} logs a run's 20 epochs in one call (an import); {@code per-epoch} commits once per
 * epoch as training does.
 */
public final class SyntheticRuns {
  public static final int EPOCHS = 20;
  public static final List<String> METRICS = List.of("train_loss", "train_accuracy", "val_loss", "val_accuracy",
      "learning_rate", "epoch_seconds", "samples_per_second");
  private static final List<String> OPTIMIZERS = List.of("adam", "sgd", "rmsprop", "adagrad", "adadelta");

  private SyntheticRuns() {}

  /**
   * What an ingest did: runs and points written, the wall time it took and the CPU time of the
   * writing thread (database work included: both drivers run it on the caller's thread or wait on a
   * socket). On a machine shared with other builds, points per CPU-second shows what an idle one would do.
   */
  public record Ingest(int runs, long points, double seconds, double cpuSeconds) {
    public double pointsPerSecond() {
      return points / seconds;
    }

    public double pointsPerCpuSecond() {
      return points / cpuSeconds;
    }
  }

  /** Run {@code i} of a seeded sweep: its 10 params and a start time one second after run {@code i-1}. */
  public static NewRun run(int i, Random random, Instant sweepStart) {
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("optimizer", OPTIMIZERS.get(random.nextInt(OPTIMIZERS.size())));
    params.put("learning_rate", Math.pow(10, -4 + 3 * random.nextDouble()));
    params.put("batch_size", 16L << random.nextInt(5));
    params.put("dropout", random.nextInt(6) / 10.0);
    params.put("seed", (long) i);
    params.put("hidden1", 64L << random.nextInt(3));
    params.put("hidden2", 32L << random.nextInt(3));
    params.put("activation", random.nextBoolean() ? "relu" : "tanh");
    params.put("weight_decay", random.nextBoolean() ? 0.0 : 1e-4);
    params.put("beta1", 0.85 + 0.1 * random.nextDouble());
    return new NewRun(String.format(Locale.ROOT, "synthetic-%07d", i), "synthetic-fashion", "synthetic",
        Map.of("epochs", (long) EPOCHS, "params", params), params, Map.of("generator", "SyntheticRuns"),
        Set.of(), sweepStart.plusSeconds(i));
  }

  /** One epoch's 7 metrics, following a noisy learning curve. */
  public static List<MetricPoint> epoch(int epoch, Random random) {
    double progress = 1 - Math.exp(-epoch / 5.0);
    double loss = 1.2 - 0.9 * progress + 0.05 * random.nextGaussian();
    double accuracy = 0.6 + 0.3 * progress + 0.01 * random.nextGaussian();
    double[] values = {loss, accuracy, loss + 0.05, accuracy - 0.02, 1e-3, 2 + random.nextDouble(),
        30_000 + 1000 * random.nextGaussian()};
    List<MetricPoint> points = new ArrayList<>(METRICS.size());
    for (int m = 0; m < values.length; m++) {
      points.add(new MetricPoint(METRICS.get(m), epoch, values[m]));
    }
    return points;
  }

  /** Writes {@code runs} finished runs into {@code store}; {@code perEpoch} commits each epoch separately. */
  public static Ingest ingest(RunStore store, int runs, long seed, boolean perEpoch) {
    Random random = new Random(seed);
    Instant start = Instant.parse("2026-01-01T00:00:00Z");
    long points = 0;
    long t0 = System.nanoTime();
    long cpu0 = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    for (int i = 0; i < runs; i++) {
      NewRun run = run(i, random, start);
      store.create(run);
      List<MetricPoint> all = new ArrayList<>(EPOCHS * METRICS.size());
      for (int e = 1; e <= EPOCHS; e++) {
        List<MetricPoint> epoch = epoch(e, random);
        points += epoch.size();
        if (perEpoch) {
          store.logMetrics(run.id(), epoch, run.startTime().plusSeconds(e));
        } else {
          all.addAll(epoch);
        }
      }
      if (!perEpoch) {
        store.logMetrics(run.id(), all, run.startTime().plusSeconds(EPOCHS));
      }
      store.finish(run.id(), RunStatus.FINISHED, Map.of("test_accuracy", 0.88), null, null,
          run.startTime().plusSeconds(EPOCHS + 1));
    }
    return new Ingest(runs, points, (System.nanoTime() - t0) / 1e9,
        (ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpu0) / 1e9);
  }

  public static void main(String[] args) throws Exception {
    if (args.length < 1) {
      System.err.println("usage: SyntheticRuns LOCATION [RUNS=100000] [per-run|per-epoch]");
      System.exit(2);
    }
    String location = args[0];
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
    boolean perEpoch = args.length > 2 && args[2].equals("per-epoch");
    try (RunStore store = RunStores.open(location, Clock.systemUTC())) {
      Ingest result = ingest(store, runs, 42, perEpoch);
      System.out.printf(Locale.ROOT, "%s: %d runs, %d metric points in %.1f s (%s): %.0f points/s, %.0f runs/s;"
          + " writer thread CPU %.1f s: %.0f points per CPU-second%n", store.location(), result.runs(),
          result.points(), result.seconds(), perEpoch ? "per-epoch" : "per-run", result.pointsPerSecond(),
          result.runs() / result.seconds(), result.cpuSeconds(), result.pointsPerCpuSecond());
    }
    System.out.printf(Locale.ROOT, "size on disk: %.1f MB%n", sizeBytes(location) / 1e6);
  }

  /** Bytes the store takes: the directory's files for SQLite; its schema's tables, indexes and TOAST for PostgreSQL. */
  static long sizeBytes(String location) throws SQLException {
    if (location.startsWith("postgresql://")) {
      try (Connection c = DriverManager.getConnection("jdbc:" + location);
           ResultSet rs = c.createStatement().executeQuery("SELECT COALESCE(SUM(pg_total_relation_size(c.oid)), 0)"
               + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
               + " WHERE n.nspname = current_schema() AND c.relkind = 'r'")) {
        rs.next();
        return rs.getLong(1);
      }
    }
    try (Stream<Path> files = Files.walk(Path.of(location))) {
      return files.filter(Files::isRegularFile).mapToLong(p -> {
        try {
          return Files.size(p);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }).sum();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
