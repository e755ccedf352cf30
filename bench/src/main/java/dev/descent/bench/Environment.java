package dev.descent.bench;

import dev.descent.core.env.Backend;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/** What the figures depend on: kernel family, thread settings, ND4J backend and BLAS, CPU, load. */
final class Environment {
  private Environment() {}

  static Map<String, Object> describe() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("OPENBLAS_CORETYPE", System.getenv().getOrDefault("OPENBLAS_CORETYPE", "(unset: OpenBLAS autodetects)"));
    m.put("OMP_NUM_THREADS", System.getenv().getOrDefault("OMP_NUM_THREADS", "(unset)"));
    m.putAll(Backend.current().asMap());
    m.put("cpu", cpuModel());
    m.put("max_heap_mb", Runtime.getRuntime().maxMemory() / (1024 * 1024));
    m.put("javacpp_max_bytes_mb", Math.round(Memory.nativeLimitMb()));
    m.put("loadavg", loadAverage());
    return m;
  }

  /** The 1, 5 and 15 minute load averages: other work on the machine makes the figures noisy. */
  static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (IOException | RuntimeException e) {
      return "?";
    }
  }

  private static String cpuModel() {
    try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
      return lines.filter(l -> l.startsWith("model name")).findFirst()
          .map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("?");
    } catch (IOException | RuntimeException e) {
      return "?";
    }
  }
}
