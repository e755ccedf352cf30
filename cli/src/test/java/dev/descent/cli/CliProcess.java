package dev.descent.cli;

import dev.descent.core.env.HostIdentity;
import dev.descent.core.store.LeaseSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The real command line started as a separate JVM, for tests that kill, pause or run several of it at once
 * ({@link CliRunner} runs it in this JVM). It gets the defaults a user gets: the lease settings and host name
 * of this JVM's environment are removed, not inherited, so a test of a killed sweep sees the default lease.
 * One OpenMP thread, so that several of them share two cores fairly, and no relaunch by the launcher.
 */
final class CliProcess {
  private final List<String> args;
  private final Map<String, String> env = new LinkedHashMap<>();
  private String heap = "1g";
  private Path workDir;
  private Path output;
  private Path errors;

  private CliProcess(List<String> args) {
    this.args = args;
    env.put(LeaseSettings.LEASE_ENV, null);
    env.put(LeaseSettings.HEARTBEAT_ENV, null);
    env.put(HostIdentity.ENV, null);
    env.put("DESCENT_RELAUNCHED", "1");
    env.put("OMP_NUM_THREADS", "1");
  }

  /** {@code descent ARGS...} */
  static CliProcess descent(String... args) {
    return new CliProcess(List.of(args));
  }

  /** The JVM's {@code -Xmx}, {@code 1g} unless said. */
  CliProcess heap(String size) {
    heap = size;
    return this;
  }

  /** Runs in {@code dir}, created if missing. */
  CliProcess in(Path dir) {
    workDir = dir;
    return this;
  }

  /** Names this process's machine ({@link HostIdentity#ENV}), as if it ran on another host. */
  CliProcess host(String name) {
    return env(HostIdentity.ENV, name);
  }

  /** Sets an environment variable; a null value removes it. */
  CliProcess env(String name, String value) {
    env.put(name, value);
    return this;
  }

  /** Standard output and error, together, to {@code log}. */
  CliProcess log(Path log) {
    output = log;
    return this;
  }

  /** Standard error alone to {@code file}; standard output stays readable from the process. */
  CliProcess errors(Path file) {
    errors = file;
    return this;
  }

  Process start() throws IOException {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx" + heap, "-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
        "dev.descent.cli.Main"));
    command.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(command);
    if (workDir != null) {
      pb.directory(Files.createDirectories(workDir).toFile());
    }
    env.forEach((name, value) -> {
      if (value == null) {
        pb.environment().remove(name);
      } else {
        pb.environment().put(name, value);
      }
    });
    if (output != null) {
      pb.redirectErrorStream(true).redirectOutput(output.toFile());
    } else if (errors != null) {
      pb.redirectError(errors.toFile());
    }
    return pb.start();
  }
}
