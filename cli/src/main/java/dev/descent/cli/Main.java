package dev.descent.cli;

import com.google.inject.Guice;
import com.google.inject.Injector;
import dev.descent.core.DescentModule;
import dev.descent.core.env.CpuKernels;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine;

/**
 * The {@code descent} command. Exit codes follow picocli: 0 success, 1 the work failed, 2 bad
 * usage or bad input.
 */
public final class Main {
  private static final String RELAUNCHED = "DESCENT_RELAUNCHED";

  private Main() {}

  public static void main(String[] args) {
    relaunchWithBlasKernels(args);
    System.exit(run(args));
  }

  /** Runs the command line in this JVM and returns the exit code; tests call this. */
  public static int run(String... args) {
    return run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
  }

  /** Runs the command line with the given output streams; tests capture them. */
  public static int run(PrintWriter out, PrintWriter err, String... args) {
    Injector injector = Guice.createInjector(new DescentModule(Main.class.getClassLoader()));
    CommandLine cmd = new CommandLine(new DescentCommand(), new GuiceFactory(injector));
    cmd.setOut(out);
    cmd.setErr(err);
    cmd.setExecutionExceptionHandler(new ErrorHandler());
    return cmd.execute(args);
  }

  /**
   * OPENBLAS_CORETYPE and OMP_NUM_THREADS are read once when the native library loads, so a JVM
   * started without them (plain {@code java -jar descent.jar}) restarts itself with the kernels chosen
   * from the CPU's flags and one OpenMP thread (two threads ran 2-4x slower here: ND4J's OpenMP pool
   * and OpenBLAS fight over the cores). The {@code descent} launcher sets both before the JVM starts,
   * and a user's own settings are kept.
   */
  private static void relaunchWithBlasKernels(String[] args) {
    boolean coreSet = System.getenv("OPENBLAS_CORETYPE") != null;
    boolean threadsSet = System.getenv("OMP_NUM_THREADS") != null;
    if ((coreSet && threadsSet) || System.getenv(RELAUNCHED) != null) {
      return;
    }
    Optional<String> core = CpuKernels.openblasCoretype(Path.of("/proc/cpuinfo"));
    Optional<String> java = ProcessHandle.current().info().command();
    Optional<String[]> jvmArgs = ProcessHandle.current().info().arguments();
    if ((threadsSet && core.isEmpty()) || java.isEmpty() || jvmArgs.isEmpty()) {
      return;
    }
    List<String> command = new ArrayList<>();
    command.add(java.get());
    command.addAll(List.of(jvmArgs.get()));
    ProcessBuilder pb = new ProcessBuilder(command).inheritIO();
    core.ifPresent(c -> pb.environment().putIfAbsent("OPENBLAS_CORETYPE", c));
    pb.environment().putIfAbsent("OMP_NUM_THREADS", "1");
    pb.environment().put(RELAUNCHED, "1");
    try {
      System.exit(pb.start().waitFor());
    } catch (IOException e) {
      return;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      System.exit(130);
    }
  }
}
