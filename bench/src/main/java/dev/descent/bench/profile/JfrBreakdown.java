package dev.descent.bench.profile;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * Aggregates a JFR recording's {@code jdk.ExecutionSample} (thread running Java) and
 * {@code jdk.NativeMethodSample} (thread inside a native call: BLAS, ND4J's ops) events of one thread
 * into {@link Buckets}, by descent call site, by the step phase (what the training loop called) and
 * by top frame. Both sample kinds must have the same period for the percentages to be time shares;
 * {@link DescentProfile} records them so, and the coverage line says how many samples arrived.
 */
public record JfrBreakdown(Path file, String thread, long javaSamples, long nativeSamples, Map<String, Long> buckets,
    Map<String, Long> phases, Map<String, Long> callSites, Map<String, Long> topFrames,
    Map<String, Long> otherThreads, Duration window, double gcPauseMillis) {

  private static final String LOOP = "dev.descent.core.train.Trainer$Loop";

  /** Reads {@code file}, counting the samples of the thread named {@code thread} ("main" trains). */
  public static JfrBreakdown of(Path file, String thread) {
    Map<String, Long> buckets = new LinkedHashMap<>();
    Buckets.ORDER.forEach(b -> buckets.put(b, 0L));
    Map<String, Long> phases = new HashMap<>();
    Map<String, Long> callSites = new HashMap<>();
    Map<String, Long> topFrames = new HashMap<>();
    Map<String, Long> otherThreads = new HashMap<>();
    long java = 0;
    long nat = 0;
    double gc = 0;
    Instant first = null;
    Instant last = null;
    try (RecordingFile in = new RecordingFile(file)) {
      while (in.hasMoreEvents()) {
        RecordedEvent e = in.readEvent();
        String type = e.getEventType().getName();
        if (type.equals("jdk.GarbageCollection")) {
          gc += e.getDuration().toNanos() / 1e6;
          continue;
        }
        boolean isNative = type.equals("jdk.NativeMethodSample");
        if (!isNative && !type.equals("jdk.ExecutionSample")) {
          continue;
        }
        RecordedThread t = e.getThread("sampledThread");
        String name = t == null ? "?" : t.getJavaName();
        if (!thread.equals(name)) {
          otherThreads.merge(name + (isNative ? " (native)" : " (java)"), 1L, Long::sum);
          continue;
        }
        first = first == null || e.getStartTime().isBefore(first) ? e.getStartTime() : first;
        last = last == null || e.getStartTime().isAfter(last) ? e.getStartTime() : last;
        RecordedStackTrace st = e.getStackTrace();
        List<RecordedFrame> frames = st == null ? List.of() : st.getFrames();
        if (isNative) {
          nat++;
        } else {
          java++;
        }
        buckets.merge(Buckets.classify(frames), 1L, Long::sum);
        phases.merge(phase(frames), 1L, Long::sum);
        callSites.merge(callSite(frames), 1L, Long::sum);
        topFrames.merge(frames.isEmpty() ? "?" : name(frames.get(0)) + (isNative ? " [native]" : ""), 1L, Long::sum);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read JFR recording " + file, e);
    }
    Duration window = first == null ? Duration.ZERO : Duration.between(first, last);
    return new JfrBreakdown(file, thread, java, nat, buckets, phases, callSites, topFrames, otherThreads, window, gc);
  }

  public long total() {
    return javaSamples + nativeSamples;
  }

  /** What the training loop was doing: the method {@code Trainer$Loop.run} called, with the line of the call. */
  static String phase(List<RecordedFrame> frames) {
    for (int i = 0; i < frames.size(); i++) {
      RecordedFrame f = frames.get(i);
      if (f.getMethod() != null && f.getMethod().getType().getName().equals(LOOP) && f.getMethod().getName().equals("run")) {
        return i == 0 ? "Trainer$Loop.run (itself)" : shortName(frames.get(i - 1)) + " (Trainer:" + f.getLineNumber() + ")";
      }
    }
    return "(outside the training loop)";
  }

  /** The innermost descent frame with its line: the line of descent's code that led to the sample. */
  static String callSite(List<RecordedFrame> frames) {
    for (RecordedFrame f : frames) {
      if (f.getMethod() != null && f.getMethod().getType().getName().startsWith("dev.descent.")) {
        return shortName(f) + ":" + f.getLineNumber();
      }
    }
    return "(no descent frame)";
  }

  private static String name(RecordedFrame f) {
    return f.getMethod() == null ? "?" : f.getMethod().getType().getName() + "." + f.getMethod().getName();
  }

  private static String shortName(RecordedFrame f) {
    String type = f.getMethod().getType().getName();
    return type.substring(type.lastIndexOf('.') + 1) + "." + f.getMethod().getName();
  }

  public void print(PrintStream out) {
    long n = Math.max(1, total());
    out.printf("profile of thread '%s' from %s: %d samples (%d in Java, %d in native code) over %.1f s%n", thread,
        file, total(), javaSamples, nativeSamples, window.toMillis() / 1000.0);
    out.printf("GC pauses during the recording: %.0f ms%n", gcPauseMillis);
    out.println("where the time goes:");
    buckets.forEach((k, v) -> out.printf("  %5.1f%%  %s%n", 100.0 * v / n, k));
    section(out, "by step phase (what Trainer$Loop.run called):", phases, n, 12);
    section(out, "by descent call site (innermost dev.descent frame):", callSites, n, 15);
    section(out, "by top frame:", topFrames, n, 15);
    if (!otherThreads.isEmpty()) {
      section(out, "samples of other threads (not counted above):", otherThreads, 1, 8);
    }
  }

  private static void section(PrintStream out, String title, Map<String, Long> counts, long n, int limit) {
    out.println(title);
    counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(limit)
        .forEach(e -> {
          if (n == 1) {
            out.printf("  %6d  %s%n", e.getValue(), e.getKey());
          } else {
            out.printf("  %5.1f%%  %s%n", 100.0 * e.getValue() / n, e.getKey());
          }
        });
  }

  /** The buckets as percentages, for the JSON line. */
  public Map<String, Object> asMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    long n = Math.max(1, total());
    m.put("samples", total());
    m.put("native_samples", nativeSamples);
    m.put("seconds", window.toMillis() / 1000.0);
    m.put("gc_pause_ms", gcPauseMillis);
    Map<String, Object> pct = new LinkedHashMap<>();
    buckets.forEach((k, v) -> pct.put(k, Math.round(1000.0 * v / n) / 10.0));
    m.put("percent", pct);
    return m;
  }
}
