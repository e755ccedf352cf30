package dev.descent.core.search;

import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.lucene.index.DocValuesType;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.FieldInfos;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.IndexReader;

/**
 * The fields a query may name and how each is indexed.
 *
 * <p>The query parser must know which fields are numbers before it parses ({@code learning_rate<=1e-3} is a
 * point range, {@code optimizer:adam} a term), and which fields exist at all, so that a misspelt field is an
 * error rather than an empty result. Params and metrics are open-ended, so the catalogue is derived from what
 * the index actually holds ({@link FieldInfos}): a field with points is a number, one with an inverted index a
 * keyword, and {@link RunFields#TEXT} is analysed text. Lucene keeps each field's schema consistent across
 * the index, so this derivation is unambiguous. A metric's 2-D records field ({@link CurveFields}) is listed as
 * the field a query writes, {@code val_accuracy.epochs_to(TARGET)}: a number, sortable, for any target.
 */
public final class FieldCatalog {

  /** How a field is indexed, which decides how the parser treats it. */
  public enum Kind { NUMBER, KEYWORD, TEXT }

  /** One known field: its kind and whether it has doc values to sort by. */
  public record Field(String name, Kind kind, boolean sortable) {}

  private final Map<String, Field> fields;

  private FieldCatalog(Map<String, Field> fields) {
    this.fields = Collections.unmodifiableMap(fields);
  }

  /** The fields of an index as seen by {@code reader}, plus the fixed ones every run has. */
  public static FieldCatalog of(IndexReader reader) {
    Map<String, Field> fields = fixed();
    for (FieldInfo info : FieldInfos.getMergedFieldInfos(reader)) {
      Field field = fromInfo(info);
      if (field != null) {
        fields.put(field.name(), field);
      }
    }
    return new FieldCatalog(fields);
  }

  /** The catalogue of an index without documents. */
  public static FieldCatalog empty() {
    return new FieldCatalog(fixed());
  }

  private static Map<String, Field> fixed() {
    Map<String, Field> fields = new TreeMap<>();
    RunFields.FIXED_KEYWORDS.forEach(n -> fields.put(n, new Field(n, Kind.KEYWORD, !n.equals(RunFields.TAG))));
    RunFields.FIXED_NUMBERS.forEach(n -> fields.put(n, new Field(n, Kind.NUMBER, true)));
    fields.put(RunFields.TEXT, new Field(RunFields.TEXT, Kind.TEXT, false));
    return fields;
  }

  private static Field fromInfo(FieldInfo info) {
    String curve = CurveFields.metricOf(info.name);
    if (curve != null && info.getPointDimensionCount() == 2) {
      return new Field(EpochsTo.catalogName(curve), Kind.NUMBER, true);
    }
    boolean sortable = info.getDocValuesType() == DocValuesType.NUMERIC
        || info.getDocValuesType() == DocValuesType.SORTED;
    if (info.name.equals(RunFields.TEXT)) {
      return new Field(info.name, Kind.TEXT, false);
    }
    if (info.getPointDimensionCount() > 0) {
      return new Field(info.name, Kind.NUMBER, sortable);
    }
    if (info.getIndexOptions() != IndexOptions.NONE) {
      return new Field(info.name, Kind.KEYWORD, sortable);
    }
    return null;
  }

  public Field get(String name) {
    return fields.get(name);
  }

  /** Whether runs of this index have records of {@code metric}, so {@code metric.epochs_to(T)} can be asked. */
  public boolean hasEpochsTo(String metric) {
    return fields.containsKey(EpochsTo.catalogName(metric));
  }

  public boolean isNumber(String name) {
    Field f = fields.get(name);
    return f != null && f.kind() == Kind.NUMBER;
  }

  /** Every field name, sorted. */
  public Set<String> names() {
    return fields.keySet();
  }

  /** The field names of one kind, sorted. */
  public Set<String> names(Kind kind) {
    return fields.values().stream().filter(f -> f.kind() == kind).map(Field::name)
        .collect(Collectors.toCollection(java.util.TreeSet::new));
  }

  /** For error messages: {@code "Known fields: batch_size, experiment, ..."}. */
  public String describe() {
    return "Known fields: " + String.join(", ", fields.keySet());
  }
}
