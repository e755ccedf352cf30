package dev.descent.bench.profile;

import dev.descent.core.Json;
import dev.descent.core.train.EpochMetrics;
import dev.descent.core.train.TrainingListener;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jdk.jfr.Recording;

/**
 * {@code --profile}: trains descent at one batch size through the real engine and records the
 * epochs after the warm-up with Java Flight Recorder (Java and native method samples at the same
 * period, and GC pauses), then prints {@link JfrBreakdown}. The recording is kept for
 * {@code jfr print --events jdk.ExecutionSample,jdk.NativeMethodSample FILE} or JDK Mission Control.
 */
public final class DescentProfile {
  /** The sampling period of both event kinds; JFR samples at most one thread in native code per period. */
  static final Duration PERIOD = Duration.ofMillis(5);

  private DescentProfile() {}

  /** Trains {@code target} with the epochs after the first recorded, then prints and returns the breakdown. */
  public static void run(dev.descent.bench.ProfileTarget target, PrintStream out) {
    Path file = target.jfrFile().toAbsolutePath();
    int epochs = target.epochs();
    List<Double> profiled = new ArrayList<>();
    Recording recording = new Recording();
    recording.setName("descent-bench-profile");
    recording.enable("jdk.ExecutionSample").withPeriod(PERIOD).withStackTrace();
    recording.enable("jdk.NativeMethodSample").withPeriod(PERIOD).withStackTrace();
    recording.enable("jdk.GarbageCollection");
    recording.setToDisk(true);
    out.printf("profiling descent at batch %d: %d epoch(s) under JFR after 1 warm-up epoch, sampling every %d ms%n",
        target.batch(), epochs - 1, PERIOD.toMillis());
    target.train(new TrainingListener() {
      @Override
      public void onEpoch(EpochMetrics m) {
        if (m.epoch() == 1) {
          out.printf("  warm-up epoch: %.0f samples/s%n", m.samplesPerSecond());
          recording.start();
        } else {
          profiled.add(m.samplesPerSecond());
          out.printf("  epoch %d (recorded): %.0f samples/s%n", m.epoch(), m.samplesPerSecond());
        }
        if (m.epoch() == epochs) {
          recording.stop();
        }
      }
    });
    try {
      Files.createDirectories(file.getParent());
      recording.dump(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the JFR recording to " + file, e);
    } finally {
      recording.close();
    }
    JfrBreakdown breakdown = JfrBreakdown.of(file, Thread.currentThread().getName());
    breakdown.print(out);
    long expected = breakdown.window().toMillis() / PERIOD.toMillis();
    out.printf("coverage: %d samples of the training thread for ~%d periods (%.0f%%); below ~80%% the shares are"
        + " less trustworthy%n", breakdown.total(), expected, 100.0 * breakdown.total() / Math.max(1, expected));
    out.println("recording: " + file + "  (jfr summary " + file + "; jfr print --events jdk.NativeMethodSample " + file + ")");
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("profile", "descent");
    json.put("batch", target.batch());
    json.put("profiled_samples_per_second", profiled);
    json.putAll(breakdown.asMap());
    json.put("recording", file.toString());
    out.println(Json.write(json));
  }
}
