package dev.descent.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The benchmark's command line.
 *
 * @param epochs     epochs per run, the first {@code warmup} of which are not measured
 * @param warmup     epochs run before measuring (JIT, allocator and page-fault warm-up)
 * @param batches    batch sizes, each run by every framework in turn
 * @param only       the frameworks to run ({@code descent}, {@code dl4j}, {@code pytorch})
 * @param limit      training examples used, {@code null} for all 60000
 * @param data       directory holding the four Fashion-MNIST IDX files
 * @param seed       weight init, shuffling and subsample seed, the same for every framework
 * @param verbose    print every epoch and descent's RSS after each epoch
 * @param profile    run descent at {@link #profileBatch} under Java Flight Recorder instead
 * @param analyze    aggregate an existing {@code .jfr} file and exit
 * @param jfrOut     where {@code --profile} writes its recording
 * @param python     the interpreter that runs {@code pytorch_bench.py}
 * @param torchBlas   {@code openblas}: give torch ND4J's bundled OpenBLAS; {@code system}: the system's libblas.so.3
 * @param roofSeconds how long to measure the sgemm roof at each batch size (0: not measured)
 */
record Options(int epochs, int warmup, List<Integer> batches, Set<String> only, Integer limit, Path data, long seed,
    boolean verbose, boolean profile, int profileBatch, Path analyze, Path jfrOut, String python, String torchBlas,
    double roofSeconds) {

  static final Set<String> FRAMEWORKS = Set.of("descent", "dl4j", "pytorch", "pytorch-gather");
  /** Run in this order at each batch size. */
  static final List<String> ORDER = List.of("descent", "dl4j", "pytorch", "pytorch-gather");
  static final String USAGE = """
      usage: bench/run.sh [options]
        --epochs N          epochs per run, the first is a warm-up and not measured (default 3)
        --batches LIST      batch sizes, comma-separated (default 32,128,512)
        --only NAMES        descent, dl4j, pytorch, pytorch-gather, comma-separated (default descent,dl4j,pytorch);
                            pytorch is the efficient loop (one shuffle per epoch, contiguous slices),
                            pytorch-gather the naive one (x[idx] and loss.item() every step)
        --limit N           train on a seeded subsample of N examples (default all 60000)
        --data DIR          Fashion-MNIST IDX directory (default /usr/share/datasets/fashion-mnist)
        --seed N            seed for weights, shuffling and subsample (default 42)
        --verbose           print every epoch, and descent's RSS after each epoch
        --profile           profile descent at batch 128 (or --profile-batch N) under JFR and print where time goes
        --jfr FILE          where --profile writes the recording (default bench/target/descent-profile.jfr)
        --analyze FILE      only aggregate an existing JFR recording into the profile buckets
        --python PATH       the interpreter with torch (default /usr/bin/python3)
        --torch-blas WHICH  system (default): the system's libblas.so.3 (Debian's OpenBLAS 0.3.21 with
                            libopenblas0-pthread, else the reference BLAS); openblas: ND4J's bundled 0.3.19
        --roof-seconds S    time to measure each BLAS's sgemm roof per batch size (default 1; 0 skips)
      environment: OPENBLAS_CORETYPE and OMP_NUM_THREADS are read by the native libraries when they
      load, so set them on the command line: OPENBLAS_CORETYPE=SkylakeX bench/run.sh
      """;

  /** Parses {@code args}; throws {@link IllegalArgumentException} with the problem on bad usage. */
  static Options parse(String[] args) {
    int epochs = 3;
    List<Integer> batches = List.of(32, 128, 512);
    Set<String> only = Set.of("descent", "dl4j", "pytorch");
    Integer limit = null;
    Path data = Path.of("/usr/share/datasets/fashion-mnist");
    long seed = 42;
    boolean verbose = false;
    boolean profile = false;
    int profileBatch = 128;
    Path analyze = null;
    Path jfrOut = Path.of("bench/target/descent-profile.jfr");
    String python = "/usr/bin/python3";
    String torchBlas = "system";
    double roofSeconds = 1;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      switch (a) {
        case "--epochs" -> epochs = positive(a, value(args, ++i, a));
        case "--batches" -> batches = positives(a, value(args, ++i, a));
        case "--only" -> only = frameworks(value(args, ++i, a));
        case "--limit" -> limit = positive(a, value(args, ++i, a));
        case "--data" -> data = Path.of(value(args, ++i, a));
        case "--seed" -> seed = positive(a, value(args, ++i, a));
        case "--verbose", "-v" -> verbose = true;
        case "--profile" -> profile = true;
        case "--profile-batch" -> profileBatch = positive(a, value(args, ++i, a));
        case "--jfr" -> jfrOut = Path.of(value(args, ++i, a));
        case "--analyze" -> analyze = Path.of(value(args, ++i, a));
        case "--python" -> python = value(args, ++i, a);
        case "--torch-blas" -> torchBlas = choice(a, value(args, ++i, a), Set.of("openblas", "system"));
        case "--roof-seconds" -> roofSeconds = Double.parseDouble(value(args, ++i, a));
        case "--help", "-h" -> throw new HelpRequested();
        default -> throw new IllegalArgumentException("unknown option '" + a + "'");
      }
    }
    if (epochs < 2 && !profile) {
      throw new IllegalArgumentException("--epochs: was " + epochs + ", must be >= 2 (the first is a warm-up)");
    }
    if (analyze == null && !Files.isDirectory(data)) {
      throw new IllegalArgumentException("--data: " + data + " is not a directory; install the IDX files with "
          + "`apt-get install dataset-fashion-mnist` or pass --data DIR");
    }
    return new Options(epochs, 1, batches, only, limit, data, seed, verbose, profile, profileBatch, analyze, jfrOut,
        python, torchBlas, roofSeconds);
  }

  boolean runs(String framework) {
    return only.contains(framework);
  }

  private static String value(String[] args, int i, String option) {
    if (i >= args.length) {
      throw new IllegalArgumentException(option + ": missing its value");
    }
    return args[i];
  }

  private static int positive(String option, String text) {
    try {
      int v = Integer.parseInt(text.trim());
      if (v >= 1) {
        return v;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(option + ": was '" + text + "', must be an integer >= 1");
  }

  private static String choice(String option, String text, Set<String> allowed) {
    if (!allowed.contains(text)) {
      throw new IllegalArgumentException(option + ": was '" + text + "', must be one of " + String.join(", ", new java.util.TreeSet<>(allowed)));
    }
    return text;
  }

  private static List<Integer> positives(String option, String text) {
    List<Integer> out = new ArrayList<>();
    for (String part : text.split(",")) {
      out.add(positive(option, part));
    }
    return List.copyOf(out);
  }

  private static Set<String> frameworks(String text) {
    Set<String> out = new java.util.LinkedHashSet<>();
    for (String part : text.split(",")) {
      String name = part.trim();
      if (!FRAMEWORKS.contains(name)) {
        throw new IllegalArgumentException("--only: unknown framework '" + name + "'; available: " + String.join(", ", ORDER));
      }
      out.add(name);
    }
    return out;
  }

  /** {@code --help}: print the usage and exit 0. */
  static final class HelpRequested extends RuntimeException {
    private static final long serialVersionUID = 1L;

    HelpRequested() {
      super(null, null, false, false);
    }
  }
}
