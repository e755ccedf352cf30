package dev.descent.core.search;

import dev.descent.core.search.FieldCatalog.Kind;
import dev.descent.core.store.MetricPoint;
import dev.descent.core.store.MetricSummary;
import dev.descent.core.store.Run;
import dev.descent.core.train.RunStatus;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.lucene.document.BinaryDocValuesField;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.DoubleDocValuesField;
import org.apache.lucene.document.DoublePoint;
import org.apache.lucene.document.Field.Store;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.util.BytesRef;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a {@link Run} into the Lucene document the query language searches.
 *
 * <p>Numbers become a {@link DoublePoint} (ranges) plus a {@link DoubleDocValuesField} (sorting); strings and
 * booleans a keyword {@link StringField} plus a {@link SortedDocValuesField}. Lucene 9 refuses a field whose
 * schema changes between documents, and a param may be a number in one run and a string in another, so the
 * first kind seen for a name is kept (for the life of the index) and later values are converted to it: a
 * number into a keyword by its text, a numeric string into a number; a value that cannot be converted is left
 * out with a warning rather than failing the whole index.
 *
 * <p>Precedence when names clash: the fixed fields ({@link RunFields}), then params, then test metrics, then
 * a metric's last value. So {@code learning_rate} is the configured param and the learning-rate metric's last
 * value is at {@code learning_rate.last}. A NaN value (a diverged run's loss) is left out, as if the run had no
 * such metric: no range matches it and it sorts last. Lucene would not let a field have points without doc
 * values in some documents only, and NaN has no place in a sort.
 */
final class RunDocuments {
  private static final Logger LOG = LoggerFactory.getLogger(RunDocuments.class);
  /** Lucene rejects terms over 32766 bytes; params that long are not worth a keyword. */
  private static final int MAX_KEYWORD_CHARS = 4096;

  private final Map<String, Kind> kinds = new ConcurrentHashMap<>();

  /** Starts from the kinds the index already has, so new documents agree with old ones. */
  RunDocuments(FieldCatalog existing) {
    existing.names().forEach(n -> kinds.put(n, existing.get(n).kind()));
  }

  /**
   * The document of {@code run}, with {@code history} (its metric points, any order; empty when not read) for
   * the fields a summary cannot give ({@link CurveFields}).
   */
  Document build(Run run, List<MetricPoint> history) {
    Document doc = new Document();
    doc.add(new StringField(RunFields.ID, run.id(), Store.NO));
    doc.add(new SortedDocValuesField(RunFields.ID, new BytesRef(run.id())));
    keyword(doc, RunFields.EXPERIMENT, run.experiment(), true);
    keyword(doc, RunFields.SWEEP, run.sweepId(), true);
    keyword(doc, RunFields.STATUS, run.status() == null ? null : run.status().label(), true);
    run.tags().forEach(t -> keyword(doc, RunFields.TAG, t, false));
    time(doc, RunFields.START_TIME, run.startTime());
    time(doc, RunFields.END_TIME, run.endTime());
    doc.add(new TextField(RunFields.TEXT, freeText(run), Store.NO));

    Set<String> used = new HashSet<>(RunFields.RESERVED);
    run.params().forEach((name, value) -> {
      if (used.add(name)) {
        value(doc, name, value);
      }
    });
    run.test().forEach((key, value) -> {
      if (used.add(key)) {
        value(doc, key, value);
      }
    });
    run.summaries().forEach((key, summary) -> summary(doc, used, key, summary));
    if (run.status() == RunStatus.DIVERGED) {
      int last = run.summaries().values().stream().mapToInt(MetricSummary::lastEpoch).max().orElse(0);
      value(doc, RunFields.DIVERGED_EPOCH, (double) (last + 1));
    }
    curves(doc, used, run, CurveFields.byKey(history));
    return doc;
  }

  private void curves(Document doc, Set<String> used, Run run, Map<String, List<MetricPoint>> curves) {
    curves.forEach((key, points) -> {
      String field = CurveFields.recordsField(key);
      List<CurveFields.Point> records = CurveFields.records(key, points);
      if (!records.isEmpty() && used.add(field)) {
        records.forEach(r -> doc.add(new DoublePoint(field, r.epoch(), r.value())));
        doc.add(new BinaryDocValuesField(field, CurveFields.encode(records)));
      }
    });
    run.summaries().forEach((key, summary) -> CurveFields.gap(key, summary, curves).ifPresent(gap -> {
      if (used.add(key + RunFields.GAP)) {
        value(doc, key + RunFields.GAP, gap);
      }
      if (key.equals("val_accuracy")) {
        value(doc, RunFields.OVERFIT_GAP, gap);
      }
    }));
  }

  private void summary(Document doc, Set<String> used, String key, MetricSummary s) {
    if (used.add(key)) {
      value(doc, key, s.last());
    }
    double[] values = {s.min(), s.max(), s.last()};
    for (int i = 0; i < values.length; i++) {
      String name = key + RunFields.SUMMARY_SUFFIXES.get(i);
      if (used.add(name)) {
        value(doc, name, values[i]);
      }
    }
    if (s.bestEpoch() > 0) {
      String arg = MetricSummary.higherIsBetter(key) ? ".argmax" : ".argmin";
      for (String name : List.of(key + RunFields.BEST_EPOCH, key + arg)) {
        if (used.add(name)) {
          value(doc, name, (double) s.bestEpoch());
        }
      }
    }
  }

  private static String freeText(Run run) {
    return Stream.concat(Stream.of(run.experiment(), run.note(), run.error(), run.stackTrace()),
            run.tags().stream())
        .filter(Objects::nonNull).collect(Collectors.joining("\n"));
  }

  private void value(Document doc, String name, Object value) {
    if (value == null) {
      return;
    }
    Kind kind = kinds.computeIfAbsent(name, n -> value instanceof Number ? Kind.NUMBER : Kind.KEYWORD);
    if (kind == Kind.KEYWORD) {
      keyword(doc, name, String.valueOf(value), true);
      return;
    }
    Double number = toNumber(value);
    if (number == null) {
      LOG.warn("Run param '{}' = '{}' is not a number, but earlier runs made '{}' a numeric field;"
          + " it is not searchable by that name", name, value, name);
      return;
    }
    if (!number.isNaN()) {
      doc.add(new DoublePoint(name, number));
      doc.add(new DoubleDocValuesField(name, number));
    }
  }

  private static Double toNumber(Object value) {
    if (value instanceof Number n) {
      return n.doubleValue();
    }
    try {
      return Double.parseDouble(value.toString().trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static void keyword(Document doc, String name, String value, boolean sortable) {
    if (value == null || value.length() > MAX_KEYWORD_CHARS) {
      return;
    }
    doc.add(new StringField(name, value, Store.NO));
    if (sortable) {
      doc.add(new SortedDocValuesField(name, new BytesRef(value)));
    }
  }

  private static void time(Document doc, String name, Instant time) {
    if (time != null) {
      long millis = time.toEpochMilli();
      doc.add(new DoublePoint(name, millis));
      doc.add(new DoubleDocValuesField(name, millis));
    }
  }
}
