package dev.descent.core.plugin;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
 */
final class JarDigests {
  private record Key(Path file, long size, long modified) {}

  private static final Map<Key, String> DIGESTS = new ConcurrentHashMap<>();

  private JarDigests() {}

  static String of(Path file) {
    try {
      BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
      Key key = new Key(file.toRealPath(), a.size(), a.lastModifiedTime().toMillis());
      return DIGESTS.computeIfAbsent(key, k -> digest(k.file()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read plugin jar " + file, e);
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
