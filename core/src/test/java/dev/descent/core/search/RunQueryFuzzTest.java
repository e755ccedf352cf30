package dev.descent.core.search;

import dev.descent.core.DescentException;
import dev.descent.core.ErrorCode;
import dev.descent.core.fuzz.Fuzzer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every query, however mangled, ends as a page of results or an INVALID_INPUT error: never anything else. */
class RunQueryFuzzTest {
  @TempDir Path dir;

  @Test
  void every_query_ends_in_results_or_a_clear_error() {
    InMemoryRunStore store = HandBuiltRuns.store();
    try (RunIndex index = RunIndex.open(dir, store)) {
      RunSearch search = new RunSearch(index, store);
      Fuzzer.target("query")
          .dictionary("optimizer:", "learning_rate", "val_accuracy.max", "val_loss.min", "batch_size:", "status:",
              "tag:", "id:", "text:", "experiment:", "sweep:", "nesterov:", " AND ", " OR ", " NOT ", " TO ", "(", ")",
              "[", "]", "{", "}", "\"", "\\", ":", ">=", "<=", ">", "<", "~", "~2", "*", "?", "/", "/.*/", "^2", "+",
              "-", "&&", "||", "!", "NaN", "Infinity", "-0", "1e-3", "1e309", "0x10", "adam", "a{99}", "\u0000")
          .maxSize(4096)
          .allow(DescentException.class, e -> e.code() == ErrorCode.INVALID_INPUT)
          .run(input -> search.search(new String(input, StandardCharsets.UTF_8), null, 0, 10));
    }
  }
}
