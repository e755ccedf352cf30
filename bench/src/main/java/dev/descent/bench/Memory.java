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

  /** JavaCPP's limit on the native memory it tracks before it asks for a GC, MiB. */
  static double nativeLimitMb() {
    return org.bytedeco.javacpp.Pointer.maxBytes() / (1024.0 * 1024.0);
  }

  /**
   * Collects garbage, so that native buffers of arrays nobody references any more are freed before
   * the next run starts (ND4J frees an array's memory only when its Java object is collected).
   */
  static void collect() {
    System.gc();
    try {
      Thread.sleep(200);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Java heap currently committed (reserved from the OS), MiB: the part of RSS that is Java objects' room. */
  static double heapCommittedMb() {
    return java.lang.management.ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getCommitted() / (1024.0 * 1024.0);
  }

  /** CPU time this process has used, all threads, in seconds (NaN when the JVM cannot tell). */
  static double processCpuSeconds() {
    if (java.lang.management.ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      long ns = os.getProcessCpuTime();
      return ns < 0 ? Double.NaN : ns / 1e9;
    }
    return Double.NaN;
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
