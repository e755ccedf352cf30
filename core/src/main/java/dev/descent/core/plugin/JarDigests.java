package dev.descent.core.plugin;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * SHA-256 of plugin jars, each file read once per process. Every built-in plugin lives in descent's own jar
 * (over 200 MB with ND4J's native libraries), so hashing per plugin entry read that jar once per plugin a run
 * named: seconds before the first batch. The key includes size and modification time, so a jar replaced
 * while the process runs is hashed again rather than reported with a stale digest.
 *
 * <p>Hashing that jar still took 0.3-0.7 s of CPU at the start of every {@code descent run}, on a 2-core machine
 * as much as loading the data, so a digest is also kept on disk under the same key (one small file per jar in
 * {@code ~/.cache/descent/jar-digests}) and read back by later processes; a changed size or modification time
 * hashes again. An unwritable cache directory only costs the hashing.
 */
final class JarDigests {
  private record Key(Path file, long size, long modified) {}

  private static final Map<Key, String> DIGESTS = new ConcurrentHashMap<>();

  private JarDigests() {}

  static String of(Path file) {
    return of(file, CACHE);
  }

  /** As {@link #of(Path)}, with digests kept on disk in {@code cacheDir} (none when null). */
  static String of(Path file, Path cacheDir) {
    try {
      BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
      Key key = new Key(file.toRealPath(), a.size(), a.lastModifiedTime().toMillis());
      return DIGESTS.computeIfAbsent(key, k -> storedOrDigest(k, cacheDir));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read plugin jar " + file, e);
    }
  }

  private static final Path CACHE = Path.of(System.getProperty("user.home"), ".cache", "descent", "jar-digests");

  /** The digest stored for this key by an earlier process, else the file hashed now (and stored). */
  private static String storedOrDigest(Key key, Path cacheDir) {
    if (cacheDir == null) {
      return digest(key.file());
    }
    Path entry = cacheDir.resolve(sha256(key.file().toString().getBytes(StandardCharsets.UTF_8)));
    String prefix = key.size() + " " + key.modified() + " ";
    try {
      String stored = Files.readString(entry, StandardCharsets.US_ASCII);
      if (stored.startsWith(prefix) && stored.length() == prefix.length() + 64) {
        return stored.substring(prefix.length());
      }
    } catch (IOException | RuntimeException e) {
      // not stored yet, or unreadable: hash
    }
    String digest = digest(key.file());
    try {
      Files.createDirectories(cacheDir);
      Path tmp = Files.createTempFile(cacheDir, "digest", ".tmp");
      Files.writeString(tmp, prefix + digest, StandardCharsets.US_ASCII);
      Files.move(tmp, entry, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException | RuntimeException e) {
      // a read-only home: the next process hashes again
    }
    return digest;
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String digest(Path file) {
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
      byte[] buf = new byte[1 << 16];
      while (in.read(buf) >= 0) {
        // reading feeds the digest
      }
      return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read plugin jar " + file, e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
