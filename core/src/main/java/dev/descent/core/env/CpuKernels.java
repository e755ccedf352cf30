package dev.descent.core.env;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Chooses OPENBLAS_CORETYPE from the CPU's flags. ND4J's bundled OpenBLAS 0.3.19 misreads AVX-512
 * CPUs behind hypervisors and falls back to its slowest kernels (sgemm 55 vs 216 GFLOP/s measured);
 * the variable must be set before the native library loads, so the launcher (bin/java-blas) sets
 * it, and {@code descent} started with plain {@code java -jar} restarts itself with it.
 */
public final class CpuKernels {
  private CpuKernels() {}

  /** {@code SkylakeX} with AVX-512F, {@code Haswell} with AVX2, empty otherwise or off Linux. */
  public static Optional<String> openblasCoretype(Path cpuinfo) {
    if (!Files.isReadable(cpuinfo)) {
      return Optional.empty();
    }
    try (Stream<String> lines = Files.lines(cpuinfo)) {
      return lines.filter(l -> l.startsWith("flags")).findFirst().flatMap(CpuKernels::fromFlags);
    } catch (IOException | java.io.UncheckedIOException e) {
      return Optional.empty();
    }
  }

  static Optional<String> fromFlags(String flagsLine) {
    String flags = " " + flagsLine.replace('\t', ' ') + " ";
    if (flags.contains(" avx512f ")) {
      return Optional.of("SkylakeX");
    }
    if (flags.contains(" avx2 ")) {
      return Optional.of("Haswell");
    }
    return Optional.empty();
  }
}
