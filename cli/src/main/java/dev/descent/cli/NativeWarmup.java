package dev.descent.cli;

import java.util.Set;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Starts loading ND4J's native backend (libnd4j, OpenBLAS, JavaCPP's class and library set-up: about half a
 * second) on a second thread as soon as the process starts, for the commands that train. The main thread
 * meanwhile builds the command (Guice, picocli, the plugin registry), parses the experiment and reads the
 * dataset files; the first thing that needs ND4J waits for this load (the JVM's lock on {@code Nd4j}'s class
 * initialisation) instead of doing it alone. Commands that never train do not pay for it.
 */
final class NativeWarmup {
  /** The commands that train, so need ND4J soon after start. */
  private static final Set<String> TRAINING = Set.of("run", "worker", "lr-find", "replay");

  private NativeWarmup() {}

  /** Starts the load when {@code args} name a training command (its first word that is not an option). */
  static void startFor(String[] args) {
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.equals(Main.PLUGINS_OPTION)) {
        i++; // its value
      } else if (!a.startsWith("-")) {
        if (TRAINING.contains(a)) {
          Thread t = new Thread(NativeWarmup::load, "descent-nd4j-load");
          t.setDaemon(true);
          t.start();
        }
        return;
      }
    }
  }

  private static void load() {
    try {
      Nd4j.getBackend();
    } catch (RuntimeException | LinkageError e) {
      // the command's own first use of ND4J reports the failure
    }
  }
}
