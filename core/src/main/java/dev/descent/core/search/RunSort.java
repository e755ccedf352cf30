package dev.descent.core.search;

import dev.descent.core.DescentException;
import dev.descent.core.ErrorCode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;

/**
 * Parses a sort spec such as {@code val_accuracy:desc} or {@code optimizer,learning_rate:asc} into a Lucene
 * {@link Sort}. Any numeric or single-valued keyword field can be sorted on, and
 * {@code METRIC.epochs_to(TARGET)} for a target chosen in the spec ({@link EpochsTo}); runs without the field (and
 * runs whose metric is NaN) come last in either direction, then ties are broken by newest start time and id
 * so pages never overlap. No spec means newest first.
 */
public final class RunSort {
  private RunSort() {}

  public static Sort parse(String spec, FieldCatalog catalog) {
    List<SortField> fields = new ArrayList<>();
    if (spec != null && !spec.isBlank()) {
      for (String part : spec.split(",")) {
        fields.add(field(part.trim(), spec, catalog));
      }
    }
    fields.add(field(RunFields.START_TIME, FieldCatalog.Kind.NUMBER, true));
    fields.add(new SortField(RunFields.ID, SortField.Type.STRING));
    return new Sort(fields.toArray(SortField[]::new));
  }

  private static SortField field(String part, String spec, FieldCatalog catalog) {
    int colon = part.lastIndexOf(':');
    String name = colon < 0 ? part : part.substring(0, colon).trim();
    String direction = colon < 0 ? "asc" : part.substring(colon + 1).trim().toLowerCase(Locale.ROOT);
    if (!direction.equals("asc") && !direction.equals("desc")) {
      throw invalid(spec, "direction '" + direction + "' is neither asc nor desc", catalog);
    }
    EpochsTo.Ref epochsTo = EpochsTo.ofSort(name, spec, catalog);
    if (epochsTo != null) {
      if (!catalog.hasEpochsTo(epochsTo.metric())) {
        throw invalid(spec, "unknown field '" + name + "': no run has a per-epoch history of '"
            + epochsTo.metric() + "'", catalog);
      }
      return EpochsTo.sort(epochsTo, direction.equals("desc"));
    }
    FieldCatalog.Field field = catalog.get(name);
    if (field == null) {
      throw invalid(spec, "unknown field '" + name + "'", catalog);
    }
    if (!field.sortable()) {
      throw invalid(spec, "'" + name + "' cannot be sorted on (free text and tags have no single value)",
          catalog);
    }
    return field(name, field.kind(), direction.equals("desc"));
  }

  /** Missing values are the largest in an ascending sort and the smallest in a descending one: last. */
  private static SortField field(String name, FieldCatalog.Kind kind, boolean descending) {
    if (kind == FieldCatalog.Kind.NUMBER) {
      SortField sort = new SortField(name, SortField.Type.DOUBLE, descending);
      sort.setMissingValue(descending ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY);
      return sort;
    }
    SortField sort = new SortField(name, SortField.Type.STRING, descending);
    sort.setMissingValue(descending ? SortField.STRING_FIRST : SortField.STRING_LAST);
    return sort;
  }

  static DescentException invalid(String spec, String problem, FieldCatalog catalog) {
    return new DescentException(ErrorCode.INVALID_INPUT, "Invalid sort '" + spec + "': " + problem
        + ". Write FIELD:asc or FIELD:desc, e.g. val_accuracy:desc. Sortable fields: "
        + String.join(", ", catalog.names().stream().filter(n -> catalog.get(n).sortable()).toList()));
  }
}
