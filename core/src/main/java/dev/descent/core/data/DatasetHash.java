package dev.descent.core.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a dataset's content is, so a worker on another machine can tell it has the same data the sweep
 * was entered with: for file datasets the SHA-256 of each file it reads ({@code files}: path to hash,
 * null for a file that was not there), for generated ones the SHA-256 of the generator spec
 * ({@code generated}), since their examples follow from it alone. File hashes are kept per process,
 * keyed by path, size and modification time, so a sweep hashes each file once (Fashion-MNIST's four
 * gzipped files take well under a second), and on disk beside the decoded datasets for later processes.
 */
public final class DatasetHash {
  private static final Map<String, String> FILES = new ConcurrentHashMap<>();

  private DatasetHash() {}

  /** The content record of {@code spec}, as {@link dev.descent.core.provenance.Provenance} stores it. */
  public static Map<String, Object> of(DatasetSpec spec) {
    DatasetSpec s = spec.resolved();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", s.name());
    List<Path> files = files(s);
    if (files.isEmpty()) {
      m.put("generated", sha256(s.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    } else {
      Map<String, String> hashes = new LinkedHashMap<>();
      files.forEach(f -> hashes.put(f.toString(), fileSha256(f)));
      m.put("files", hashes);
    }
    return m;
  }

  /** The files {@code spec} reads: the IDX files as the loader picks them (gzipped first), or the CSVs. */
  static List<Path> files(DatasetSpec s) {
    List<Path> out = new ArrayList<>();
    switch (s.name()) {
      case "fashion-mnist", "mnist" -> {
        Path dir = s.directory() != null ? s.directory()
            : s.name().equals("fashion-mnist") ? DatasetSpec.FASHION_MNIST_DIRECTORY : null;
        if (dir != null) {
          for (String f : IdxDatasets.FILES) {
            Path gz = dir.resolve(f + ".gz");
            out.add(Files.exists(gz) || !Files.exists(dir.resolve(f)) ? gz : dir.resolve(f));
          }
        }
      }
      case "csv" -> {
        if (s.path() != null) {
          out.add(s.path());
        }
        if (s.testPath() != null) {
          out.add(s.testPath());
        }
      }
      default -> { }
    }
    return out;
  }

  /**
   * The file's SHA-256 in hex, or null when it cannot be read (missing here). Digests are also kept on disk
   * next to the decoded datasets ({@link IdxCache}), under the same key, so a later process does not hash
   * Fashion-MNIST's 26 MB again: on a fresh JVM that hashing, not yet compiled, was the last thing a run
   * waited for before its first batch once the data came from the cache.
   */
  public static String fileSha256(Path file) {
    Path dir = IdxCache.DEFAULT.directory();
    return fileSha256(file, dir == null ? null : dir.resolve("sha256"));
  }

  /** As {@link #fileSha256(Path)}, with digests kept in {@code diskDir} (none when null). */
  static String fileSha256(Path file, Path diskDir) {
    String key;
    try {
      key = file.toAbsolutePath() + "|" + Files.size(file) + "|" + Files.getLastModifiedTime(file).toMillis();
    } catch (IOException e) {
      return null;
    }
    String known = FILES.get(key);
    if (known != null) {
      return known;
    }
    Path entry = diskDir == null ? null : diskDir.resolve(sha256(key.substring(0, key.indexOf('|'))
        .getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    String stored = stored(entry, key);
    if (stored != null) {
      FILES.put(key, stored);
      return stored;
    }
    try (InputStream in = Files.newInputStream(file)) {
      MessageDigest md = digest();
      byte[] buf = new byte[1 << 16];
      for (int n; (n = in.read(buf)) > 0; ) {
        md.update(buf, 0, n);
      }
      String hex = HexFormat.of().formatHex(md.digest());
      FILES.put(key, hex);
      store(entry, key, hex);
      return hex;
    } catch (IOException e) {
      return null;
    }
  }

  /** The digest an earlier process stored for exactly this key, or null. */
  private static String stored(Path entry, String key) {
    if (entry == null) {
      return null;
    }
    try {
      String text = Files.readString(entry, java.nio.charset.StandardCharsets.UTF_8);
      String hex = text.startsWith(key + "\n") ? text.substring(key.length() + 1) : "";
      return hex.matches("[0-9a-f]{64}") ? hex : null;
    } catch (IOException | RuntimeException e) {
      return null; // not stored yet, or unreadable: hash
    }
  }

  /** Keeps a digest for later processes; a read-only or full disk only means hashing again next time. */
  private static void store(Path entry, String key, String hex) {
    if (entry == null) {
      return;
    }
    Path tmp = null;
    try {
      Files.createDirectories(entry.getParent());
      tmp = Files.createTempFile(entry.getParent(), "digest", ".tmp");
      Files.writeString(tmp, key + "\n" + hex, java.nio.charset.StandardCharsets.UTF_8);
      Files.move(tmp, entry, java.nio.file.StandardCopyOption.ATOMIC_MOVE,
          java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      tmp = null;
    } catch (IOException | RuntimeException e) {
      // the next process hashes again
    } finally {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
          // a stray temporary file in a cache directory
        }
      }
    }
  }

  private static String sha256(byte[] bytes) {
    return HexFormat.of().formatHex(digest().digest(bytes));
  }

  private static MessageDigest digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JVM", e);
    }
  }
}
