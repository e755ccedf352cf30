package dev.descent.core.search;

import dev.descent.core.store.MetricSummary;
import java.io.IOException;
import java.util.Locale;
import java.util.Objects;
import org.apache.lucene.document.DoublePoint;
import org.apache.lucene.index.BinaryDocValues;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.queryparser.flexible.core.builders.QueryBuilder;
import org.apache.lucene.queryparser.flexible.core.nodes.QueryNode;
import org.apache.lucene.queryparser.flexible.standard.nodes.PointRangeQueryNode;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.DoubleValues;
import org.apache.lucene.search.DoubleValuesSource;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.SortField;

/**
 * The parametrised field {@code METRIC.epochs_to(TARGET)}: the first epoch at which METRIC reached TARGET (at
 * least TARGET where higher is better, at most where lower is, as {@link MetricSummary#higherIsBetter} says).
 * A run that never reached it has no value: it matches no range and sorts last.
 *
 * <p>Answered from the metric's record-breaking points ({@link CurveFields}). The first epoch E is at most b
 * exactly when some record at an epoch up to b reached the target, a box over the 2-D points; E is at least a
 * when no record before a did. So any range on E is one box query, or one box minus another, for a target
 * chosen in the query, and a sort reads each hit's records from its doc values.
 *
 * <p>Lucene's query syntax has no room for {@code (} in a field name, so before parsing, the parentheses after
 * {@code .epochs_to} are swapped for private-use stand-ins of the same width ({@link #hide}): the field is then
 * one token, and every column an error names is still the user's.
 */
final class EpochsTo {
  private static final char OPEN = '\uE000';
  private static final char CLOSE = '\uE001';
  static final String EXAMPLE = "val_accuracy.epochs_to(0.85)<=5";

  /** A reference to the field: which metric, and the target it must reach. */
  record Ref(String metric, double target, String targetText) {
    boolean higher() {
      return MetricSummary.higherIsBetter(metric);
    }

    String records() {
      return CurveFields.recordsField(metric);
    }

    String written() {
      return metric + RunFields.EPOCHS_TO + "(" + targetText + ")";
    }
  }

  private EpochsTo() {}

  /** How the catalogue lists a metric's field: {@code val_accuracy.epochs_to(TARGET)}. */
  static String catalogName(String metric) {
    return metric + RunFields.EPOCHS_TO + "(TARGET)";
  }

  /**
   * {@code query} with the parentheses of each {@code .epochs_to(TARGET)} outside quotes swapped for stand-ins
   * of the same width, after checking each target is a finite number.
   *
   * @throws dev.descent.core.DescentException INVALID_INPUT naming the column of a malformed one
   */
  static String hide(String query, FieldCatalog catalog) {
    StringBuilder out = new StringBuilder(query);
    boolean quoted = false;
    for (int i = 0; i < query.length(); i++) {
      char c = query.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '"') {
        quoted = !quoted;
      } else if (!quoted && query.startsWith(RunFields.EPOCHS_TO, i) && !nameGoesOn(query,
          i + RunFields.EPOCHS_TO.length())) {
        i = hideOne(query, i + RunFields.EPOCHS_TO.length(), out, catalog);
      }
    }
    return out.toString();
  }

  /** Whether a name continues at {@code at}: {@code x.epochs_total} is some other field. */
  private static boolean nameGoesOn(String query, int at) {
    return at < query.length() && (Character.isLetterOrDigit(query.charAt(at)) || query.charAt(at) == '_');
  }

  /** Hides the {@code (TARGET)} starting at {@code open}; returns the index of its closing parenthesis. */
  private static int hideOne(String query, int open, StringBuilder out, FieldCatalog catalog) {
    if (open >= query.length() || query.charAt(open) != '(') {
      throw RunQuery.invalid(query, open + 1, "epochs_to takes its target in parentheses right after it, as in "
          + EXAMPLE, catalog);
    }
    int close = query.indexOf(')', open);
    if (close < 0) {
      throw RunQuery.invalid(query, open + 1, "the '(' of epochs_to is not closed; write it as in " + EXAMPLE,
          catalog);
    }
    String target = query.substring(open + 1, close);
    Double value = target.isBlank() || !target.strip().equals(target) ? null : ExactNumberFormat.exact(target);
    if (value == null || !Double.isFinite(value)) {
      throw RunQuery.invalid(query, open + 2, "the target of epochs_to must be a finite number (the metric value"
          + " to reach, as in " + EXAMPLE + "), not '" + target + "'", catalog);
    }
    out.setCharAt(open, OPEN);
    out.setCharAt(close, CLOSE);
    return close;
  }

  /** Whether a field name or term of a hidden query contains an epochs_to reference. */
  static boolean mentioned(String text) {
    return text.indexOf(OPEN) >= 0;
  }

  /** The reference a field name of a hidden query stands for, or null when it is none. */
  static Ref of(String field) {
    int open = field.indexOf(OPEN);
    String head = open < 0 ? "" : field.substring(0, open);
    if (!head.endsWith(RunFields.EPOCHS_TO) || field.charAt(field.length() - 1) != CLOSE) {
      return null;
    }
    String target = field.substring(open + 1, field.length() - 1);
    Double value = ExactNumberFormat.exact(target);
    return value == null ? null
        : new Ref(head.substring(0, head.length() - RunFields.EPOCHS_TO.length()), value, target);
  }

  /** A field name or term of a hidden query as the user wrote it. */
  static String shown(String text) {
    return text.replace(OPEN, '(').replace(CLOSE, ')');
  }

  /**
   * A reference written in a sort spec ({@code val_accuracy.epochs_to(0.85)}), or null when {@code name} does
   * not use epochs_to; a malformed one is an error.
   */
  static Ref ofSort(String name, String spec, FieldCatalog catalog) {
    int at = name.indexOf(RunFields.EPOCHS_TO + "(");
    if (at < 0 || !name.endsWith(")")) {
      return null;
    }
    String target = name.substring(at + RunFields.EPOCHS_TO.length() + 1, name.length() - 1);
    Double value = ExactNumberFormat.exact(target);
    if (value == null || !Double.isFinite(value) || !target.strip().equals(target)) {
      throw RunSort.invalid(spec, "the target of epochs_to must be a finite number (the metric value to reach, as"
          + " in val_accuracy.epochs_to(0.85):asc), not '" + target + "'", catalog);
    }
    return new Ref(name.substring(0, at), value, target);
  }

  /**
   * Builds the query of a range over a reference's field, for the parser's tree builder; the range's bounds, nodes
   * of the same field, build nothing of their own.
   */
  static QueryBuilder builder(Ref ref) {
    return (QueryNode node) -> {
      if (!(node instanceof PointRangeQueryNode range)) {
        return null;
      }
      Number lower = range.getLowerBound().getValue();
      Number upper = range.getUpperBound().getValue();
      return query(ref, lower == null ? Double.NEGATIVE_INFINITY : lower.doubleValue(), range.isLowerInclusive(),
          upper == null ? Double.POSITIVE_INFINITY : upper.doubleValue(), range.isUpperInclusive());
    };
  }

  /** Runs whose first epoch reaching the target lies between the bounds (epochs are whole numbers from 1). */
  static Query query(Ref ref, double lower, boolean lowerInclusive, double upper, boolean upperInclusive) {
    double from = Math.max(1, lowerInclusive ? Math.ceil(lower) : Math.floor(lower) + 1);
    double to = upperInclusive ? Math.floor(upper) : Math.ceil(upper) - 1;
    if (from > to) {
      return new MatchNoDocsQuery(ref.written() + " cannot lie between the bounds");
    }
    Query reachedBy = reachedBy(ref, to);
    if (from <= 1) {
      return reachedBy;
    }
    return new BooleanQuery.Builder().add(reachedBy, Occur.FILTER).add(reachedBy(ref, from - 1), Occur.MUST_NOT)
        .build();
  }

  /** Runs with a record at an epoch up to {@code epoch} that reached the target. */
  private static Query reachedBy(Ref ref, double epoch) {
    double[] low = {Double.NEGATIVE_INFINITY, ref.higher() ? ref.target() : Double.NEGATIVE_INFINITY};
    double[] high = {epoch, ref.higher() ? Double.POSITIVE_INFINITY : ref.target()};
    return DoublePoint.newRangeQuery(ref.records(), low, high);
  }

  /** Sorts by the first epoch reaching the target; runs that never reached it (or lack the metric) come last. */
  static SortField sort(Ref ref, boolean descending) {
    return new FirstEpoch(ref, descending ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY)
        .getSortField(descending);
  }

  /** Each hit's first epoch reaching the target, read from its encoded records; {@code missing} when none. */
  private static final class FirstEpoch extends DoubleValuesSource {
    private final Ref ref;
    private final double missing;

    FirstEpoch(Ref ref, double missing) {
      this.ref = ref;
      this.missing = missing;
    }

    @Override
    public DoubleValues getValues(LeafReaderContext ctx, DoubleValues scores) throws IOException {
      BinaryDocValues records = DocValues.getBinary(ctx.reader(), ref.records());
      return new DoubleValues() {
        private double value;

        @Override
        public double doubleValue() {
          return value;
        }

        @Override
        public boolean advanceExact(int doc) throws IOException {
          int epoch = records.advanceExact(doc) ? CurveFields.firstReaching(records.binaryValue(), ref.target(),
              ref.higher()) : 0;
          value = epoch > 0 ? epoch : missing;
          return true;
        }
      };
    }

    @Override
    public boolean needsScores() {
      return false;
    }

    @Override
    public DoubleValuesSource rewrite(IndexSearcher searcher) {
      return this;
    }

    @Override
    public boolean isCacheable(LeafReaderContext ctx) {
      return DocValues.isCacheable(ctx, ref.records());
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof FirstEpoch f && f.ref.metric().equals(ref.metric())
          && Double.compare(f.ref.target(), ref.target()) == 0 && Double.compare(f.missing, missing) == 0;
    }

    @Override
    public int hashCode() {
      return Objects.hash(ref.metric(), ref.target(), missing);
    }

    @Override
    public String toString() {
      return String.format(Locale.ROOT, "%s", ref.written());
    }
  }
}
