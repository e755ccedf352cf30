package dev.descent.core.search;

import java.util.List;

/**
 * One page of a search: the ids of the runs on it, in order, and the exact number of runs the query matches
 * (for "41 of 12,345 runs" and for paging).
 */
public record SearchPage(long total, List<String> ids) {
  public SearchPage {
    ids = List.copyOf(ids);
  }
}
