package dev.descent.core.data;

import dev.descent.core.fuzz.Fuzzer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every IDX file, however mangled, reads as images (3 dimensions) and as labels (1 dimension), or ends as a
 * {@link DataException}: never another exception or an allocation the file cannot back.
 */
class IdxFuzzTest {
  @TempDir Path dir;

  @Test
  void every_idx_file_reads_or_ends_in_a_clear_error() {
    Path file = dir.resolve("fuzz-idx");
    Fuzzer.target("idx")
        .dictionary(new byte[] {0, 0, 8, 3}, new byte[] {0, 0, 8, 1}, new byte[] {0x1f, (byte) 0x8b, 8, 0},
            new byte[] {0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff}, new byte[] {0, 0, (byte) 0xea, 0x60},
            new byte[] {0, 0, 0, 28})
        .allow(DataException.class)
        .run(input -> {
          Files.write(file, input);
          Path labels = dir.resolve("labels");
          try {
            IdxReader.Idx images = IdxReader.read(file, 3);
            Files.write(labels, IdxFiles.idx(new int[] {images.count()}, new byte[images.count()]));
            IdxDatasets.table(file, labels, 10);
          } catch (DataException e) {
            IdxReader.read(file, 1); // the same bytes as a labels file
            throw e;
          }
        });
  }
}
