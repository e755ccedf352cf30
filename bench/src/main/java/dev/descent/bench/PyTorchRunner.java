package dev.descent.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.descent.core.Json;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code bench/pytorch_bench.py} with {@code /usr/bin/python3} (Debian's python3-torch) as a
 * subprocess per batch size, in this process's environment (so the same OMP_NUM_THREADS and
 * OPENBLAS_CORETYPE), and reads the JSON line it prints.
 *
 * <p>Debian's torch 1.13 calls the system's {@code libblas.so.3}, which is the reference BLAS unless
 * an optimised one is installed (~5 vs ~50 GFLOP/s on sgemm here). By default ({@code --torch-blas
 * openblas}) the subprocess gets a directory first on {@code LD_LIBRARY_PATH} in which
 * {@code libblas.so.3} and {@code liblapack.so.3} are links to the OpenBLAS 0.3.19 that ND4J bundles,
 * so all three frameworks run the same kernels; {@code --torch-blas system} (the default) leaves the loader alone:
 * with Debian's libopenblas0-pthread installed that is OpenBLAS 0.3.21.
 */
final class PyTorchRunner {
  static final String SKIPPED = "pytorch: skipped (apt-get install python3-torch)";
  private final Options options;
  private Boolean available;
  private String torchVersion = "?";

  PyTorchRunner(Options options) {
    this.options = options;
  }

  /** Whether {@code python -c 'import torch'} works; asked once. */
  boolean available() {
    if (available == null) {
      try {
        Process p = new ProcessBuilder(options.python(), "-c", "import torch; print(torch.__version__)")
            .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        available = p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0;
        torchVersion = available ? out : "?";
      } catch (IOException e) {
        available = false;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        available = false;
      }
    }
    return available;
  }

  String torchVersion() {
    return torchVersion;
  }

  /**
   * Runs the script at {@code batch}; {@code framework} is {@code pytorch} (its efficient loop: one shuffle of the
   * whole tensor per epoch, contiguous slices, the loss read every 100 steps) or {@code pytorch-gather} (a
   * gather {@code x[idx]} and a {@code loss.item()} every step).
   */
  Figures run(String framework, int batch, PrintStream log) {
    if (!available()) {
      return Figures.skipped(framework, batch, SKIPPED);
    }
    String loop = framework.equals("pytorch-gather") ? "gather" : "efficient";
    List<String> cmd = new ArrayList<>(List.of(options.python(), script().toString(), "--loop", loop, "--data",
        options.data().toAbsolutePath().toString(), "--batch", String.valueOf(batch), "--epochs",
        String.valueOf(options.epochs()), "--seed", String.valueOf(options.seed()), "--threads", "1",
        "--roof-seconds", String.valueOf(options.roofSeconds())));
    if (options.limit() != null) {
      cmd.addAll(List.of("--limit", String.valueOf(options.limit())));
    }
    if (options.verbose()) {
      cmd.add("--verbose");
    }
    try {
      ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT);
      Path blasDir = options.torchBlas().equals("openblas") ? bundledBlasDirectory() : null;
      if (blasDir != null) {
        String old = pb.environment().get("LD_LIBRARY_PATH");
        pb.environment().put("LD_LIBRARY_PATH", blasDir + (old == null || old.isEmpty() ? "" : ":" + old));
      }
      Process p = pb.start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      int code = p.waitFor();
      String last = out.lines().filter(l -> l.startsWith("{")).reduce((a, b) -> b).orElse(null);
      if (code != 0 || last == null) {
        return Figures.skipped(framework, batch, "pytorch_bench.py failed with exit code " + code);
      }
      JsonNode j = Json.mapper().readTree(last);
      List<Double> perEpoch = new ArrayList<>();
      j.get("epochs_samples_per_second").forEach(v -> perEpoch.add(v.asDouble()));
      List<Double> perEpochCpu = new ArrayList<>();
      j.get("epochs_samples_per_cpu_second").forEach(v -> perEpochCpu.add(v.asDouble()));
      String core = j.path("openblas_config").isTextual()
          ? j.get("openblas_config").asText() + " (core " + j.path("openblas_core").asText() + ")" : "";
      return new Figures(framework, batch, perEpoch, perEpochCpu, 1, j.get("peak_rss_mb").asDouble(), List.of(),
          Double.NaN, j.get("last_epoch_loss").asDouble(), "peak RSS is the python process's own; torch "
          + j.get("torch").asText() + ", " + j.get("threads").asInt() + " thread(s), " + loop + " loop"
          + (loop.equals("efficient") ? ", last loss from every 100th step" : ""),
          j.get("blas").asText() + " " + core, j.path("sgemm_roof_gflops").asDouble(Double.NaN),
          j.path("sgemm_roof_gflops_per_cpu_second").asDouble(Double.NaN));
    } catch (IOException e) {
      return Figures.skipped(framework, batch, "could not run pytorch_bench.py: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Figures.skipped(framework, batch, "interrupted");
    }
  }

  /**
   * A directory (bench/target/torch-blas) whose libblas.so.3 and liblapack.so.3 link to ND4J's bundled
   * libopenblas.so.0 as JavaCPP extracted it; null, with a warning, when it cannot be made.
   */
  private Path bundledBlasDirectory() {
    try {
      Path cache = Path.of(org.bytedeco.javacpp.Loader.getCacheDir().getPath());
      Path lib;
      try (var files = Files.walk(cache)) {
        lib = files.filter(f -> f.endsWith(Path.of("org/bytedeco/openblas/linux-x86_64/libopenblas.so.0")))
            .findFirst().orElse(null);
      }
      if (lib == null) {
        org.bytedeco.javacpp.Loader.load(org.bytedeco.openblas.global.openblas.class);
        try (var files = Files.walk(cache)) {
          lib = files.filter(f -> f.endsWith(Path.of("org/bytedeco/openblas/linux-x86_64/libopenblas.so.0")))
              .findFirst().orElseThrow(() -> new IOException("libopenblas.so.0 not found under " + cache));
        }
      }
      Path dir = script().getParent().resolve("target/torch-blas").toAbsolutePath();
      Files.createDirectories(dir);
      for (String name : List.of("libblas.so.3", "liblapack.so.3")) {
        Path link = dir.resolve(name);
        Files.deleteIfExists(link);
        Files.createSymbolicLink(link, lib);
      }
      return dir;
    } catch (IOException | RuntimeException | LinkageError e) {
      System.err.println("bench: cannot give torch ND4J's OpenBLAS (" + e + "); it uses the system's libblas.so.3");
      return null;
    }
  }

  /** bench/pytorch_bench.py: from -Dbench.dir (set by run.sh), else beside the jar's target directory, else ./bench. */
  static Path script() {
    String dir = System.getProperty("bench.dir");
    if (dir != null) {
      return Path.of(dir, "pytorch_bench.py");
    }
    try {
      Path jar = Path.of(PyTorchRunner.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      Path candidate = jar.getParent().getParent().resolve("pytorch_bench.py");
      if (Files.isRegularFile(candidate)) {
        return candidate;
      }
    } catch (URISyntaxException | RuntimeException e) {
      // fall through to the working directory
    }
    return Path.of("bench", "pytorch_bench.py");
  }
}
