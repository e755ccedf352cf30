package dev.descent.core.provenance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The commit checked out in the git repository that holds a file, so a run can be traced back to the
 * exact experiment file. Asks the {@code git} command; no git, no repository or a slow answer give
 * nothing rather than an error, since provenance must never fail a run.
 */
final class GitCommit {
  /** Asked once per folder and process: a sweep records provenance for every cell. */
  private static final Map<Path, Optional<String>> CACHE = new ConcurrentHashMap<>();

  private GitCommit() {}

  static Optional<String> of(Path file) {
    Path dir = file.toAbsolutePath().getParent();
    return dir == null ? Optional.empty() : CACHE.computeIfAbsent(dir, GitCommit::ask);
  }

  private static Optional<String> ask(Path dir) {
    if (!Files.isDirectory(dir)) {
      return Optional.empty();
    }
    try {
      Process p = new ProcessBuilder("git", "-C", dir.toString(), "rev-parse", "HEAD").redirectErrorStream(false).start();
      p.getOutputStream().close();
      if (!p.waitFor(5, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return Optional.empty();
      }
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      return p.exitValue() == 0 && out.matches("[0-9a-f]{40,64}") ? Optional.of(out) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }
}
