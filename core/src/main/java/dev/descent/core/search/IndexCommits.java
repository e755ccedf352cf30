package dev.descent.core.search;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import org.apache.lucene.index.IndexWriter;

/**
 * What the index remembers in each commit's user data: the store change number it has applied up to, and the
 * format of its documents. Keeping the number in the commit (not in a side file) means it is exactly as
 * durable as the documents it describes: after a crash both are those of the last commit.
 */
final class IndexCommits {
  static final String SEQUENCE_KEY = "descent.sequence";
  static final String FORMAT_KEY = "descent.index.format";
  /**
   * Bump when documents change shape (2: curve fields such as {@code val_loss.argmin};
   * 3: fields from the per-epoch history, {@code overfit_gap} and {@code METRIC.epochs_to(TARGET)}). An index of an older
   * format is rebuilt in place on open, once; one of an unknown format is moved aside first.
   */
  static final String FORMAT = "3";

  private IndexCommits() {}

  /** The applied change number of the last commit, or empty when the index has another format (or none). */
  static OptionalLong sequence(IndexWriter writer) {
    return sequence(data(writer));
  }

  /**
   * Whether the last commit was written by an older descent (a smaller format number): its documents lack
   * fields added since, and nothing in it is suspect, so it is rebuilt where it is rather than moved aside.
   */
  static boolean olderFormat(IndexWriter writer) {
    String format = data(writer).get(FORMAT_KEY);
    try {
      return format != null && Integer.parseInt(format) < Integer.parseInt(FORMAT);
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static Map<String, String> data(IndexWriter writer) {
    Map<String, String> data = new HashMap<>();
    Iterable<Map.Entry<String, String>> live = writer.getLiveCommitData();
    if (live != null) {
      live.forEach(e -> data.put(e.getKey(), e.getValue()));
    }
    return data;
  }

  /** The applied change number recorded in a commit's user data, or empty for another format. */
  static OptionalLong sequence(Map<String, String> data) {
    if (FORMAT.equals(data.get(FORMAT_KEY)) && data.containsKey(SEQUENCE_KEY)) {
      return OptionalLong.of(Long.parseLong(data.get(SEQUENCE_KEY)));
    }
    return OptionalLong.empty();
  }

  /** Commits everything added so far as having applied the store up to change {@code sequence}. */
  static void commit(IndexWriter writer, long sequence) throws IOException {
    writer.setLiveCommitData(Map.of(SEQUENCE_KEY, Long.toString(sequence), FORMAT_KEY, FORMAT).entrySet());
    writer.commit();
  }
}
