package dev.descent.cli;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Locale;

/** The machine lines of a bench report: cores and load, since other work on the machine slows the runs. */
final class BenchMachine {
  private BenchMachine() {}

  static List<String> describe(String when) {
    var os = ManagementFactory.getOperatingSystemMXBean();
    double load = os.getSystemLoadAverage();
    return List.of(String.format(Locale.ROOT, "%s: %d cores, load average (1 min) %s; %s %s, Java %s", when,
        os.getAvailableProcessors(), load < 0 ? "unknown" : String.format(Locale.ROOT, "%.2f", load), os.getName(),
        os.getArch(), System.getProperty("java.version")));
  }
}
