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
 * subprocess per batch size, in this process's environment (so the same OMP_NUM_THREADS), and reads
 * the JSON line it prints.
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

  Figures run(int batch, PrintStream log) {
    if (!available()) {
      return Figures.skipped("pytorch", batch, SKIPPED);
    }
    List<String> cmd = new ArrayList<>(List.of(options.python(), script().toString(), "--data",
        options.data().toAbsolutePath().toString(), "--batch", String.valueOf(batch), "--epochs",
        String.valueOf(options.epochs()), "--seed", String.valueOf(options.seed()), "--threads", "1"));
    if (options.limit() != null) {
      cmd.addAll(List.of("--limit", String.valueOf(options.limit())));
    }
    if (options.verbose()) {
      cmd.add("--verbose");
    }
    try {
      Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      int code = p.waitFor();
      String last = out.lines().filter(l -> l.startsWith("{")).reduce((a, b) -> b).orElse(null);
      if (code != 0 || last == null) {
        return Figures.skipped("pytorch", batch, "pytorch_bench.py failed with exit code " + code);
      }
      JsonNode j = Json.mapper().readTree(last);
      List<Double> perEpoch = new ArrayList<>();
      j.get("epochs_samples_per_second").forEach(v -> perEpoch.add(v.asDouble()));
      return new Figures("pytorch", batch, perEpoch, 1, j.get("max_rss_mb").asDouble(), List.of(),
          j.get("last_epoch_loss").asDouble(), "peak RSS is the python process's (ru_maxrss); torch "
          + j.get("torch").asText() + ", " + j.get("threads").asInt() + " thread(s)");
    } catch (IOException e) {
      return Figures.skipped("pytorch", batch, "could not run pytorch_bench.py: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Figures.skipped("pytorch", batch, "interrupted");
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
