package dev.descent.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Which BLAS library this JVM loaded and which kernel family (core) OpenBLAS runs, so every figure says
 * what it ran on. The JavaCPP binding of the bundled OpenBLAS has no {@code openblas_get_corename}, so
 * the core is asked of the same library file, in this process's environment ({@code OPENBLAS_CORETYPE}
 * included), by a one-line Python {@code ctypes} call; OpenBLAS picks its core from the CPU and that
 * variable alone, so the answer is the JVM's.
 */
final class BlasInfo {
  private BlasInfo() {}

  /**
   * The loaded BLAS library from /proc/self/maps: a file named like {@code lib*blas*} other than JavaCPP's JNI
   * wrapper ({@code libjniopenblas.so}); "?" if none.
   */
  static String library() {
    try {
      return Files.readAllLines(Path.of("/proc/self/maps")).stream().map(l -> l.substring(l.lastIndexOf(' ') + 1))
          .filter(p -> p.startsWith("/") && p.substring(p.lastIndexOf('/') + 1).contains("blas")
              && !p.substring(p.lastIndexOf('/') + 1).startsWith("libjni"))
          .sorted().findFirst().orElse("?");
    } catch (IOException | RuntimeException e) {
      return "?";
    }
  }

  /** {@code "OpenBLAS 0.3.19 ... (core SkylakeX)"} for {@code library}, or "?" when it cannot be asked. */
  static String core(String python, String library) {
    if (library.equals("?")) {
      return "?";
    }
    String code = "import ctypes,sys;l=ctypes.CDLL(sys.argv[1])\n"
        + "for f in ('openblas_get_config','openblas_get_corename'):\n"
        + " g=getattr(l,f);g.restype=ctypes.c_char_p;print(g().decode())";
    try {
      Process p = new ProcessBuilder(python, "-c", code, library).redirectErrorStream(true).start();
      String[] out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim().split("\n");
      if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0 || out.length < 2) {
        return "?";
      }
      return out[0].trim() + " (core " + out[1].trim() + ")";
    } catch (IOException e) {
      return "?";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "?";
    }
  }
}
