package dev.descent.core.sweep;

import dev.descent.spi.Problem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Turns the problems the experiment parser finds in the cells into problems with the file: each is
 * reported once, against the grid value that wrote the field ({@code training.optimizer.learning_rate}
 * in a cell becomes {@code grid.learning_rate[2]}), or against the whole axis when every value of it
 * has the problem; a problem no axis caused keeps its own path, once however many cells share it.
 */
final class Blame {
  private final Set<String> alreadyReported;
  private final Map<Key, Set<Integer>> found = new LinkedHashMap<>();

  /** {@code axis} null: a problem of the file's base experiment. */
  private record Key(Axis axis, String suffix, String message) {}

  Blame(Set<String> alreadyReported) {
    this.alreadyReported = alreadyReported;
  }

  /** Records the problems of one cell, given which fields its axes wrote. */
  void add(List<Problem> problems, List<CellBuilder.Written> written) {
    for (Problem p : problems) {
      CellBuilder.Written cause = null;
      for (CellBuilder.Written w : written) {
        if (covers(w.field(), p.path()) && (cause == null || w.field().length() > cause.field().length())) {
          cause = w;
        }
      }
      Key key = cause == null ? new Key(null, p.path(), p.message())
          : new Key(cause.axis(), p.path().substring(cause.field().length()), p.message());
      found.computeIfAbsent(key, k -> new TreeSet<>()).add(cause == null ? -1 : cause.index());
    }
  }

  /** Whether a problem at {@code path} is in {@code field} or below it. */
  private static boolean covers(String field, String path) {
    if (!path.startsWith(field)) {
      return false;
    }
    if (path.length() == field.length()) {
      return true;
    }
    char next = path.charAt(field.length());
    return next == '.' || next == '[' || next == '(';
  }

  List<Problem> problems() {
    List<Problem> out = new ArrayList<>();
    found.forEach((key, indices) -> {
      Axis axis = key.axis();
      if (axis == null) {
        out.add(new Problem(key.suffix(), key.message()));
      } else {
        List<Integer> fresh = indices.stream().filter(i -> !alreadyReported.contains(axis.pathOf(i))).toList();
        if (axis.indexed() && axis.size() > 1 && fresh.size() == axis.size()) {
          out.add(new Problem(axis.path() + key.suffix(), key.message()));
        } else {
          fresh.forEach(i -> out.add(new Problem(axis.pathOf(i) + key.suffix(), key.message())));
        }
      }
    });
    return out.stream().distinct().toList();
  }
}
