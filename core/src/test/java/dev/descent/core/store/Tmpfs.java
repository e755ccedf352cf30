package dev.descent.core.store;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A small tmpfs mounted for one test, to fill the store's disk or make it read-only for real. Mounting
 * needs root: outside CI a test without it is skipped with a message; under {@code CI=true} (which runs
 * as root) it fails instead, so the fault tests can never silently stop running there.
 */
public final class Tmpfs implements AutoCloseable {
  private final Path dir;
  private int fillers;

  private Tmpfs(Path dir) {
    this.dir = dir;
  }

  /** Mounts a tmpfs of {@code size} (mount's syntax: {@code 2m}) on a new directory under {@code parent}. */
  public static Tmpfs mount(Path parent, String size) throws IOException, InterruptedException {
    boolean root = "root".equals(System.getProperty("user.name"));
    boolean ci = "true".equalsIgnoreCase(System.getenv("CI"));
    if (!root && ci) {
      throw new IllegalStateException("CI=true but not running as root: the tmpfs fault tests need root to mount");
    }
    assumeTrue(root, "skipped: mounting a tmpfs for the disk-full tests needs root (CI runs them as root)");
    Path dir = Files.createDirectories(parent.resolve("tmpfs"));
    run("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", dir.toString());
    return new Tmpfs(dir);
  }

  public Path dir() {
    return dir;
  }

  /** Changes the size in place; files and open handles stay. */
  public void resize(String size) throws IOException, InterruptedException {
    run("mount", "-o", "remount,size=" + size, dir.toString());
  }

  public void readOnly(boolean ro) throws IOException, InterruptedException {
    run("mount", "-o", "remount," + (ro ? "ro" : "rw"), dir.toString());
  }

  /** Writes a new file of zeros as large as the free space allows, leaving {@code keepBytes} free. */
  public void fill(long keepBytes) throws IOException {
    long free = Files.getFileStore(dir).getUsableSpace();
    byte[] block = new byte[4096];
    try (var out = Files.newOutputStream(dir.resolve("filler-" + fillers++))) {
      for (long left = free - keepBytes; left > 0; left -= block.length) {
        out.write(block, 0, (int) Math.min(block.length, left));
      }
    } catch (IOException full) {
      // full before the count: the point was to fill it
    }
  }

  /** Deletes the files written by {@link #fill}. */
  public void unfill() throws IOException {
    for (int i = 0; i < fillers; i++) {
      Files.deleteIfExists(dir.resolve("filler-" + i));
    }
  }

  @Override
  public void close() throws IOException {
    try {
      run("umount", "-l", dir.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while unmounting " + dir, e);
    }
  }

  private static void run(String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new IOException(String.join(" ", command) + " failed: " + out.strip());
    }
  }

  /** The names of every file under {@code dir} with its size, to show that a refusal changed nothing. */
  public static List<String> listing(Path dir) throws IOException {
    List<String> out = new ArrayList<>();
    if (!Files.exists(dir)) {
      return out;
    }
    try (var files = Files.walk(dir)) {
      for (Path p : files.sorted().toList()) {
        out.add(dir.relativize(p) + (Files.isRegularFile(p) ? " " + Files.size(p) : "/"));
      }
    }
    return out;
  }
}
