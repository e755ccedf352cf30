package dev.descent.web.mlflow;

import dev.descent.core.search.FieldCatalog;
import dev.descent.core.search.RunFields;
import dev.descent.core.store.MlflowRecords;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;

/**
 * search-runs' {@code order_by} ({@code "metrics.acc DESC"}, {@code "attributes.start_time"},
 * {@code "params.lr ASC"}) as a Lucene sort over the same fields {@link RunFilter} queries. Runs without the
 * value come last either way; ties (and no order at all) fall back to MLflow's default, newest start first,
 * then run id, so pages never overlap.
 */
final class RunOrder {
  private RunOrder() {}

  static Sort sort(List<String> orderBy, FieldCatalog catalog) {
    List<SortField> fields = new ArrayList<>();
    for (String spec : orderBy) {
      String[] words = spec.trim().split("\\s+");
      boolean desc = false;
      String column = spec.trim();
      if (words.length > 1) {
        String dir = words[words.length - 1].toUpperCase(Locale.ROOT);
        if (dir.equals("ASC") || dir.equals("DESC")) {
          desc = dir.equals("DESC");
          column = spec.trim().substring(0, spec.trim().length() - dir.length()).trim();
        }
      }
      List<FilterParser.Clause> parsed = FilterParser.parse(column + " = '0'");
      FilterParser.Clause c = parsed.get(0);
      String field = switch (c.entity()) {
        case METRIC -> c.key() + ".last";
        case PARAM -> c.key();
        case TAG -> MlflowRecords.TAG_PREFIX + c.key();
        case ATTRIBUTE -> switch (c.key()) {
          case "start_time", "created" -> RunFields.START_TIME;
          case "end_time" -> RunFields.END_TIME;
          case "status" -> RunFields.STATUS;
          case "run_id" -> RunFields.ID;
          case "run_name" -> MlflowRecords.TAG_PREFIX + MlflowViews.RUN_NAME;
          case "user_id" -> MlflowRecords.TAG_PREFIX + MlflowViews.USER;
          default -> throw MlflowRequest.invalid("Invalid order_by attribute '" + c.key() + "'");
        };
      };
      SortField f = field(field, desc, catalog);
      if (f != null) {
        fields.add(f);
      }
    }
    SortField start = new SortField(RunFields.START_TIME, SortField.Type.DOUBLE, true);
    start.setMissingValue(Double.NEGATIVE_INFINITY);
    fields.add(start);
    fields.add(new SortField(RunFields.ID, SortField.Type.STRING));
    return new Sort(fields.toArray(SortField[]::new));
  }

  /** A sort on {@code name}, or null when no run has it (every run ties). */
  private static SortField field(String name, boolean desc, FieldCatalog catalog) {
    FieldCatalog.Field f = catalog.get(name);
    if (f == null || !f.sortable()) {
      return null;
    }
    if (f.kind() == FieldCatalog.Kind.NUMBER) {
      SortField s = new SortField(name, SortField.Type.DOUBLE, desc);
      s.setMissingValue(desc ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY);
      return s;
    }
    SortField s = new SortField(name, SortField.Type.STRING, desc);
    s.setMissingValue(desc ? SortField.STRING_FIRST : SortField.STRING_LAST);
    return s;
  }
}
