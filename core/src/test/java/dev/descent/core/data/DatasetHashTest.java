package dev.descent.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Dataset file digests kept on disk for later processes, keyed by path, size and modification time. */
class DatasetHashTest {

    @TempDir
    Path tmp;

    @Test
    void stores_the_digest_on_disk_and_a_later_process_reads_it_instead_of_hashing() throws Exception {
        Path dir = tmp.resolve("sha256");
        Path file = Files.writeString(tmp.resolve("data.csv"), "x,y\n1,2\n");
        String real = hex(Files.readAllBytes(file));
        assertEquals(real, DatasetHash.fileSha256(file, dir));
        Path entry = dir.resolve(hex(file.toAbsolutePath().toString().getBytes(StandardCharsets.UTF_8)));
        assertTrue(Files.readString(entry).endsWith("\n" + real), Files.readString(entry));

        // another file whose entry an earlier process left: trusted while path, size and mtime match
        Path other = Files.writeString(tmp.resolve("other.csv"), "a,b\n");
        Path otherEntry = dir.resolve(hex(other.toAbsolutePath().toString().getBytes(StandardCharsets.UTF_8)));
        String planted = "ab".repeat(32);
        String key = other.toAbsolutePath() + "|" + Files.size(other) + "|"
                + Files.getLastModifiedTime(other).toMillis();
        Files.writeString(otherEntry, key + "\n" + planted);
        assertEquals(planted, DatasetHash.fileSha256(other, dir));

        // a new modification time hashes again
        Files.setLastModifiedTime(other, FileTime.fromMillis(Files.getLastModifiedTime(other).toMillis() + 7000));
        assertEquals(hex(Files.readAllBytes(other)), DatasetHash.fileSha256(other, dir));
    }

    @Test
    void an_unwritable_digest_directory_still_hashes() throws Exception {
        Path notADirectory = Files.writeString(tmp.resolve("file"), "in the way");
        Path file = Files.writeString(tmp.resolve("data.csv"), "x\n3\n");
        assertEquals(hex(Files.readAllBytes(file)), DatasetHash.fileSha256(file, notADirectory.resolve("sha256")));
    }

    private static String hex(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
