package dev.descent.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The process's resident memory from {@code /proc/self/status}: current ({@code VmRSS}) and peak
 * ({@code VmHWM}). The peak can be reset between runs by writing 5 to {@code /proc/self/clear_refs}
 * (Linux 4.0+), so each framework's run gets its own peak in one JVM.
 */
final class Memory {
  private static final Path STATUS = Path.of("/proc/self/status");
  private static final Path CLEAR_REFS = Path.of("/proc/self/clear_refs");

  private Memory() {}

  /** Current resident set in MiB, NaN off Linux. */
  static double rssMb() {
    return field("VmRSS:");
  }

  /** Peak resident set in MiB since start or the last {@link #resetPeak()}, NaN off Linux. */
  static double peakMb() {
    return field("VmHWM:");
  }

  /** Resets the peak to the current RSS; false when the kernel does not allow it (the peak is then cumulative). */
  static boolean resetPeak() {
    try {
      Files.writeString(CLEAR_REFS, "5");
      return true;
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      return false;
    }
  }

  private static double field(String name) {
    try {
      for (String line : Files.readAllLines(STATUS)) {
        if (line.startsWith(name)) {
          String kb = line.substring(name.length()).trim().split("\\s+")[0];
          return Long.parseLong(kb) / 1024.0;
        }
      }
    } catch (IOException | NumberFormatException e) {
      return Double.NaN;
    }
    return Double.NaN;
  }
}
