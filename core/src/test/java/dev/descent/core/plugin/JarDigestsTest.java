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
}
