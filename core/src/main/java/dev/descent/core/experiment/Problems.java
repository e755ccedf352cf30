package dev.descent.core.experiment;

import dev.descent.spi.Problem;
import java.util.ArrayList;
import java.util.List;

/** Collects every problem found in an input before any is reported, so the user fixes them in one go. */
public final class Problems {
  private final List<Problem> list = new ArrayList<>();

  public void add(String path, String message) {
    list.add(new Problem(path, message));
  }

  public void addAll(List<Problem> problems, String under) {
    problems.forEach(p -> list.add(p.under(under)));
  }

  public boolean isEmpty() {
    return list.isEmpty();
  }

  public List<Problem> list() {
    return List.copyOf(list);
  }
}
