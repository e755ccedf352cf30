package dev.descent.core.tuning;

import dev.descent.core.sweep.CanonicalJson;
import java.util.LinkedHashMap;
import java.util.Map;

/** What identifies a TPE search before its trials are known: the whole file, less what trains nothing. */
final class TpeSearch {
  private TpeSearch() {}

  /** The hash of the file's content without its description: the same file gives the same sweep id anywhere. */
  static String identity(Map<String, Object> doc) {
    Map<String, Object> content = new LinkedHashMap<>(doc);
    content.remove("description");
    return CanonicalJson.hash(content);
  }
}
