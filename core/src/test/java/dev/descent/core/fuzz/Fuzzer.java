package dev.descent.core.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * A seeded, mutation-based fuzzer for plain JUnit 5 tests: every input must end as a result or as
 * one of the "clear errors" the target declares, never as any other exception, a
 * {@link StackOverflowError}, an {@link OutOfMemoryError} or a hang.
 *
 * <h2>Adding a target (for every module: core publishes this class in its test-jar)</h2>
 *
 * <pre>{@code
 * @Test
 * void yaml_reader_ends_every_input_in_a_result_or_a_clear_error() {
 *   Fuzzer.target("yaml")                       // corpus: src/test/resources/fuzz/yaml/ (classpath fuzz/yaml)
 *       .dictionary("grid:", "&a", "*a", "!!binary", ".nan")
 *       .allow(DescentException.class, e -> e.code() == ErrorCode.INVALID_INPUT)
 *       .run(bytes -> ExperimentFiles.parse(new String(bytes, UTF_8)));
 * }
 * }</pre>
 *
 * <ul>
 *   <li>Put a handful of small, valid and nearly-valid inputs in {@code src/test/resources/fuzz/<target>/}
 *       (one input per file, any name). The fuzzer starts from them, so good seeds matter more than many.
 *       Inputs that produce a new outcome (a new exception type or message shape) join the corpus in memory.
 *   <li>An allowed error must also carry a non-blank message: a clear error says what is wrong.
 *   <li>The body runs on a worker thread; an input that takes longer than {@link #timeoutMillis} (default 10 s,
 *       property {@code descent.fuzz.timeout.ms}) is a hang and fails the test.
 * </ul>
 *
 * <h2>Time box and reproduction</h2>
 *
 * Each target runs for {@code -Ddescent.fuzz.seconds} seconds: 60 by default when the environment has
 * {@code CI=true}, else 10; {@code 0} only replays the corpus. The seed is fixed per target (from its name),
 * so a build fails only for a change in the code, never for the luck of the draw; {@code -Ddescent.fuzz.seed=S}
 * picks another and {@code -Ddescent.fuzz.seed=random} a new one each run, for exploring. The inputs are a
 * pure function of the seed, so a failure
 * prints {@code reproduce with -Ddescent.fuzz.seed=S}, saves the input under {@code target/fuzz-failures/}
 * and prints it escaped and in hex. {@code -Ddescent.fuzz.replay=FILE} runs just that one saved input.
 * Every run prints one line: target, seed, seconds, executions, executions/s, corpus size and distinct
 * outcomes.
 *
 * <h2>Why not Jazzer</h2>
 *
 * Jazzer's JUnit integration (coverage-guided) fuzzes only one {@code @FuzzTest} per JVM run and
 * otherwise only replays the corpus, so {@code mvn verify} could not give each target a time box. This
 * fuzzer is blind (its only feedback is the outcome signature) but runs every target in one build.
 */
public final class Fuzzer {
  /** The code under test: parse or process the input, throwing only the target's allowed errors. */
  @FunctionalInterface
  public interface Body {
    void accept(byte[] input) throws Exception;
  }

  /** What one time-boxed run did, also printed as one line. */
  public record Report(String target, long seed, double seconds, long executions, int corpusSize,
      int outcomes) {
    public double executionsPerSecond() {
      return seconds <= 0 ? executions : executions / seconds;
    }

    @Override
    public String toString() {
      return String.format(Locale.ROOT,
          "fuzz %s: seed=%d seconds=%.1f executions=%d executions/s=%.0f corpus=%d outcomes=%d",
          target, seed, seconds, executions, executionsPerSecond(), corpusSize, outcomes);
    }
  }

  private static final int MAX_CORPUS = 256;

  private final String target;
  private final List<byte[]> corpus = new ArrayList<>();
  private final List<byte[]> dictionary = new ArrayList<>();
  private final List<Predicate<Throwable>> allowed = new ArrayList<>();
  private boolean corpusGiven;
  private double seconds = defaultSeconds();
  private long maxExecutions = Long.MAX_VALUE;
  private long timeoutMillis = Long.getLong("descent.fuzz.timeout.ms", 10_000);
  private int maxSize = 1 << 20;
  private Path failures = Path.of("target", "fuzz-failures");

  private Fuzzer(String target) {
    this.target = target;
  }

  /** A fuzz target named {@code name}; its corpus defaults to the classpath folder {@code fuzz/<name>/}. */
  public static Fuzzer target(String name) {
    return new Fuzzer(name);
  }

  /** Reads every regular file in {@code dir} as one corpus input. */
  public Fuzzer corpus(Path dir) {
    corpusGiven = true;
    try (Stream<Path> files = Files.list(dir)) {
      files.filter(Files::isRegularFile).sorted().forEach(f -> corpus.add(read(f)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read fuzz corpus " + dir, e);
    }
    return this;
  }

  /** Reads the corpus from a classpath folder such as {@code fuzz/yaml} (in a directory or a jar). */
  public Fuzzer corpus(String classpathDir) {
    URL url = Thread.currentThread().getContextClassLoader().getResource(classpathDir);
    if (url == null) {
      throw new IllegalArgumentException("no fuzz corpus on the classpath at " + classpathDir
          + "; put inputs in src/test/resources/" + classpathDir + "/");
    }
    try {
      URI uri = url.toURI();
      if ("jar".equals(uri.getScheme())) {
        try (FileSystem jar = FileSystems.newFileSystem(uri, new HashMap<String, Object>())) {
          return corpus(jar.provider().getPath(uri));
        }
      }
      return corpus(Path.of(uri));
    } catch (URISyntaxException | IOException e) {
      throw new IllegalStateException("cannot open fuzz corpus " + url, e);
    }
  }

  /** Adds inputs directly (for targets whose seeds are easier to build in code). */
  public Fuzzer seeds(byte[]... inputs) {
    corpusGiven = true;
    for (byte[] input : inputs) {
      corpus.add(input.clone());
    }
    return this;
  }

  /** Tokens the mutator inserts: keywords, operators, magic numbers of the format. */
  public Fuzzer dictionary(String... tokens) {
    for (String token : tokens) {
      dictionary.add(token.getBytes(StandardCharsets.UTF_8));
    }
    return this;
  }

  /** Tokens given as raw bytes. */
  public Fuzzer dictionary(byte[]... tokens) {
    for (byte[] token : tokens) {
      dictionary.add(token.clone());
    }
    return this;
  }

  /** Declares {@code type} a clear error for this target. */
  public Fuzzer allow(Class<? extends Throwable> type) {
    allowed.add(type::isInstance);
    return this;
  }

  /** Declares {@code type} a clear error when {@code when} holds, e.g. only ErrorCode.INVALID_INPUT. */
  public <T extends Throwable> Fuzzer allow(Class<T> type, Predicate<? super T> when) {
    allowed.add(t -> type.isInstance(t) && when.test(type.cast(t)));
    return this;
  }

  /** Overrides the time box; targets should leave it to {@code descent.fuzz.seconds} (for the fuzzer's own tests). */
  public Fuzzer seconds(double value) {
    this.seconds = value;
    return this;
  }

  /** Stops after this many generated inputs even within the time box (for the fuzzer's own tests). */
  public Fuzzer maxExecutions(long value) {
    this.maxExecutions = value;
    return this;
  }

  /** The longest one input may take before it counts as a hang. */
  public Fuzzer timeoutMillis(long value) {
    this.timeoutMillis = value;
    return this;
  }

  /** The largest input the mutator makes (default 1 MiB). */
  public Fuzzer maxSize(int bytes) {
    this.maxSize = bytes;
    return this;
  }

  /** Where failing inputs are saved (default {@code target/fuzz-failures}). */
  public Fuzzer failuresDir(Path dir) {
    this.failures = dir;
    return this;
  }

  /**
   * Replays the corpus, then fuzzes until the time box ends; throws {@link AssertionError} on the first
   * input that ends in anything but a result or an allowed error.
   */
  public Report run(Body body) {
    if (!corpusGiven) {
      corpus("fuzz/" + target);
    }
    if (corpus.isEmpty()) {
      corpus.add(new byte[0]);
    }
    long seed = seed(target, System.getProperty("descent.fuzz.seed"));
    String replay = System.getProperty("descent.fuzz.replay");
    ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "fuzz-" + target);
      t.setDaemon(true);
      return t;
    });
    try {
      if (replay != null) {
        check(worker, body, read(Path.of(replay)), seed, -1);
        return print(new Report(target, seed, 0, 1, 1, 1));
      }
      Set<String> outcomes = new LinkedHashSet<>();
      long executions = 0;
      long start = System.nanoTime();
      for (byte[] input : List.copyOf(corpus)) {
        outcomes.add(check(worker, body, input, seed, executions++));
      }
      List<byte[]> pool = new ArrayList<>(corpus);
      Mutator mutator = new Mutator(new SplittableRandom(seed), Collections.unmodifiableList(dictionary), maxSize);
      long deadline = start + (long) (seconds * 1e9);
      long generated = 0;
      while (generated < maxExecutions && System.nanoTime() < deadline) {
        byte[] input = mutator.mutate(pool);
        generated++;
        if (outcomes.add(check(worker, body, input, seed, executions++))
            && pool.size() < MAX_CORPUS && input.length <= 64 * 1024) {
          pool.add(input);
        }
      }
      double took = (System.nanoTime() - start) / 1e9;
      return print(new Report(target, seed, took, executions, pool.size(), outcomes.size()));
    } finally {
      worker.shutdownNow();
    }
  }

  /** Runs one input; returns its outcome signature or throws AssertionError. */
  /** The target's fixed seed, a given one, or a random one for {@code random}. */
  static long seed(String target, String property) {
    if (property == null || property.isBlank()) {
      return target.hashCode() * 0x9E3779B97F4A7C15L;
    }
    return property.equals("random") ? new SplittableRandom().nextLong() : Long.parseLong(property.strip());
  }

  private String check(ExecutorService worker, Body body, byte[] input, long seed, long index) {
    Future<?> done = worker.submit(() -> {
      body.accept(input);
      return null;
    });
    Throwable thrown;
    try {
      done.get(timeoutMillis, TimeUnit.MILLISECONDS);
      return "ok";
    } catch (ExecutionException e) {
      thrown = e.getCause();
    } catch (TimeoutException e) {
      done.cancel(true);
      throw failure(input, seed, index, "took longer than " + timeoutMillis + " ms (a hang)", null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while fuzzing " + target, e);
    }
    if (allowed.stream().noneMatch(p -> p.test(thrown))) {
      throw failure(input, seed, index, "threw " + thrown.getClass().getName() + ", not an allowed error", thrown);
    }
    String message = thrown.getMessage();
    if (message == null || message.isBlank()) {
      throw failure(input, seed, index, "threw " + thrown.getClass().getName() + " without a message", thrown);
    }
    return signature(thrown);
  }

  /**
   * The shape of an error: its type and the first words of its message's first line with numbers and quoted
   * values blanked, so the same problem in another place is not a new outcome.
   */
  private static String signature(Throwable t) {
    String firstLine = t.getMessage().lines().findFirst().orElse("");
    String shape = firstLine.replaceAll("'[^']*'|\"[^\"]*\"|[0-9]+", "#");
    String code = "";
    try {
      code = String.valueOf(t.getClass().getMethod("code").invoke(t));
    } catch (ReflectiveOperationException | RuntimeException ignored) {
      // not every allowed error has a code
    }
    return t.getClass().getName() + "/" + code + "/" + shape.substring(0, Math.min(shape.length(), 48));
  }

  private AssertionError failure(byte[] input, long seed, long index, String what, Throwable cause) {
    String saved;
    try {
      Files.createDirectories(failures);
      Path file = failures.resolve(target + "-seed" + seed + "-input" + index + ".bin");
      Files.write(file, input);
      saved = file.toAbsolutePath().toString();
    } catch (IOException e) {
      saved = "(could not save: " + e + ")";
    }
    String message = "fuzz target '" + target + "': input #" + index + " (" + input.length + " bytes) " + what
        + "\n  reproduce with -Ddescent.fuzz.seed=" + seed
        + " (or just this input: -Ddescent.fuzz.replay=" + saved + ")"
        + "\n  saved to " + saved
        + "\n  text: " + escaped(input)
        + "\n  hex:  " + hex(input);
    System.err.println(message);
    return new AssertionError(message, cause);
  }

  private Report print(Report report) {
    System.out.println(report);
    return report;
  }

  private static final int SHOWN = 600;

  static String escaped(byte[] input) {
    StringBuilder s = new StringBuilder("\"");
    for (int i = 0; i < Math.min(input.length, SHOWN); i++) {
      int b = input[i] & 0xff;
      if (b == '\\' || b == '"') {
        s.append('\\').append((char) b);
      } else if (b >= 32 && b < 127) {
        s.append((char) b);
      } else if (b == '\n') {
        s.append("\\n");
      } else {
        s.append(String.format(Locale.ROOT, "\\x%02x", b));
      }
    }
    return s.append('"').append(input.length > SHOWN ? "... (" + input.length + " bytes in all)" : "").toString();
  }

  static String hex(byte[] input) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < Math.min(input.length, SHOWN); i++) {
      s.append(String.format(Locale.ROOT, "%02x", input[i] & 0xff));
    }
    return s.append(input.length > SHOWN ? "..." : "").toString();
  }

  private static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read fuzz input " + file, e);
    }
  }

  private static double defaultSeconds() {
    String given = System.getProperty("descent.fuzz.seconds");
    if (given != null && !given.isBlank()) {
      return Double.parseDouble(given.trim());
    }
    return "true".equalsIgnoreCase(System.getenv("CI")) ? 60 : 10;
  }
}
