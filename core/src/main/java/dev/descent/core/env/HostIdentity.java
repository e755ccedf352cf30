package dev.descent.core.env;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Which machine this process runs on, as lease owners are compared: two claims with the same
 * {@link #machine()} can see each other's processes, so a claim whose process is gone can be taken
 * over at once instead of after its lease. The machine is {@code DESCENT_HOST_ID} when set (clusters,
 * tests), else {@code /etc/machine-id}, else the kernel's boot id; the PID namespace is appended, because
 * containers on one kernel share those ids but not their process tables.
 *
 * @param host the host name, for people reading who holds a cell
 * @param machine the identity within which process ids mean the same process
 */
public record HostIdentity(String host, String machine) {
  /** Environment variable that names this machine; give every host (or container) its own. */
  public static final String ENV = "DESCENT_HOST_ID";

  private static final HostIdentity CURRENT = of(System.getenv());

  /** This process's machine, read once. */
  public static HostIdentity current() {
    return CURRENT;
  }

  static HostIdentity of(Map<String, String> env) {
    String given = env.get(ENV);
    String host = hostName(env);
    if (given != null && !given.isBlank()) {
      return new HostIdentity(host, given.strip());
    }
    String id = firstLine(Path.of("/etc/machine-id"));
    if (id == null) {
      id = firstLine(Path.of("/proc/sys/kernel/random/boot_id"));
    }
    if (id == null) {
      id = "host:" + host; // neither file (not Linux): the host name is the best remaining guess
    }
    String pidNamespace = pidNamespace();
    return new HostIdentity(host, pidNamespace == null ? id : id + "/" + pidNamespace);
  }

  private static String hostName(Map<String, String> env) {
    String h = env.get("HOSTNAME");
    if (h != null && !h.isBlank()) {
      return h.strip();
    }
    String etc = firstLine(Path.of("/etc/hostname"));
    if (etc != null) {
      return etc;
    }
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "unknown-host";
    }
  }

  private static String pidNamespace() {
    try {
      return Files.readSymbolicLink(Path.of("/proc/self/ns/pid")).toString();
    } catch (IOException | UnsupportedOperationException e) {
      return null;
    }
  }

  private static String firstLine(Path p) {
    try {
      String s = Files.readString(p).strip();
      return s.isEmpty() ? null : s.lines().findFirst().orElse(null);
    } catch (IOException e) {
      return null;
    }
  }
}
