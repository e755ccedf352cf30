package dev.descent.core.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JarDigestsTest {
  @TempDir Path dir;

  @Test
  void digests_are_sha256_of_the_bytes_and_a_replaced_jar_is_hashed_again() throws Exception {
    Path jar = Files.writeString(dir.resolve("p.jar"), "abc");
    Files.setLastModifiedTime(jar, FileTime.from(Instant.parse("2026-01-01T00:00:00Z")));
    // sha256("abc"), the FIPS 180-2 example
    assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", JarDigests.of(jar));
    assertEquals(JarDigests.of(jar), JarDigests.of(dir.resolve(".").resolve("p.jar")), "one file, one digest");
    Files.writeString(jar, "abd");
    Files.setLastModifiedTime(jar, FileTime.from(Instant.parse("2026-01-02T00:00:00Z")));
    assertNotEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", JarDigests.of(jar));
  }

  @Test
  void a_digest_stored_by_an_earlier_process_is_read_back_only_for_the_same_size_and_time() throws Exception {
    Path cache = dir.resolve("cache");
    Path jar = Files.writeString(dir.resolve("q.jar"), "abc");
    Files.setLastModifiedTime(jar, FileTime.from(Instant.parse("2026-02-01T00:00:00Z")));
    String real = JarDigests.of(jar, cache);
    assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", real);
    try (var files = Files.list(cache)) {
      Path entry = files.filter(f -> !f.toString().endsWith(".tmp")).findFirst().orElseThrow();
      // what a later process finds: an entry for this path, size and time is believed without hashing
      String planted = "0".repeat(64);
      Path copy = Files.writeString(dir.resolve("r.jar"), "abc");
      Files.setLastModifiedTime(copy, FileTime.from(Instant.parse("2026-02-01T00:00:00Z")));
      Path copyEntry = entry.resolveSibling(digestOfPath(copy.toRealPath()));
      Files.writeString(copyEntry, "3 " + Instant.parse("2026-02-01T00:00:00Z").toEpochMilli() + " " + planted);
      assertEquals(planted, JarDigests.of(copy, cache));
      // the same file touched later: the entry no longer matches and the file is hashed
      Files.setLastModifiedTime(copy, FileTime.from(Instant.parse("2026-02-02T00:00:00Z")));
      assertEquals(real, JarDigests.of(copy, cache));
    }
  }

  private static String digestOfPath(Path p) throws Exception {
    return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
        .digest(p.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
  }
}
