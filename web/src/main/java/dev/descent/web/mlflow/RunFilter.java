package dev.descent.web.mlflow;

import dev.descent.core.search.FieldCatalog;
import dev.descent.core.search.RunFields;
import dev.descent.core.store.MlflowRecords;
import dev.descent.web.mlflow.FilterParser.Clause;
import java.util.Collection;
import java.util.List;
import org.apache.lucene.document.DoublePoint;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.RegexpQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.WildcardQuery;
import org.apache.lucene.util.automaton.RegExp;

/**
 * A search-runs request as one Lucene query over descent's run index, never a scan of the store: each clause
 * becomes a point range or exact query (metrics, times), a term, wildcard or case-insensitive regexp query
 * (params, tags, status, run ids), joined by AND with the experiments and the view type (deleted runs carry the
 * descent tag {@link MlflowRecords#DELETED}).
 *
 * <p>Fields: metric {@code m} is its last value, {@code m.last} in the index (the bare name may be a param's);
 * param {@code p} is field {@code p}; MLflow tag {@code t} is field {@code tags.t}; {@code run_name} and
 * {@code user_id} are the tags MLflow keeps them in. A field the index has never seen matches nothing, as in
 * MLflow, where no run has that metric.
 */
final class RunFilter {
  private RunFilter() {}

  static Query query(List<Clause> clauses, Collection<String> experiments, String viewType, FieldCatalog catalog) {
    BooleanQuery.Builder all = new BooleanQuery.Builder();
    all.add(new MatchAllDocsQuery(), Occur.FILTER);
    if (!experiments.isEmpty()) {
      BooleanQuery.Builder any = new BooleanQuery.Builder();
      experiments.forEach(e -> any.add(new TermQuery(new Term(RunFields.EXPERIMENT, e)), Occur.SHOULD));
      all.add(any.build(), Occur.FILTER);
    }
    Query deleted = new TermQuery(new Term(RunFields.TAG, MlflowRecords.DELETED));
    switch (viewType == null ? "ACTIVE_ONLY" : viewType) {
      case "ACTIVE_ONLY", "1" -> all.add(deleted, Occur.MUST_NOT);
      case "DELETED_ONLY", "2" -> all.add(deleted, Occur.FILTER);
      case "ALL", "3" -> { }
      default -> throw MlflowRequest.invalid("Invalid value '" + viewType + "' for parameter 'run_view_type': one of"
          + " ACTIVE_ONLY, DELETED_ONLY, ALL is expected");
    }
    for (Clause c : clauses) {
      all.add(clause(c, catalog), Occur.FILTER);
    }
    return all.build();
  }

  private static Query clause(Clause c, FieldCatalog catalog) {
    return switch (c.entity()) {
      case METRIC -> number(c, c.key() + ".last", catalog);
      case PARAM -> text(c, c.key(), catalog);
      case TAG -> text(c, MlflowRecords.TAG_PREFIX + c.key(), catalog);
      case ATTRIBUTE -> attribute(c, catalog);
    };
  }

  private static Query attribute(Clause c, FieldCatalog catalog) {
    return switch (c.key()) {
      case "run_id", "run_uuid" -> runIds(c);
      case "status" -> status(c);
      case "run_name" -> text(c, MlflowRecords.TAG_PREFIX + MlflowViews.RUN_NAME, catalog);
      case "user_id" -> text(c, MlflowRecords.TAG_PREFIX + MlflowViews.USER, catalog);
      case "start_time", "created" -> number(c, RunFields.START_TIME, catalog);
      case "end_time" -> number(c, RunFields.END_TIME, catalog);
      default -> throw MlflowRequest.invalid("Invalid attribute key '" + c.key() + "' specified. Valid keys are"
          + " ['run_id', 'run_name', 'status', 'user_id', 'start_time', 'end_time', 'created']");
    };
  }

  private static Query runIds(Clause c) {
    if (c.op().equals("IN") || c.op().equals("NOT IN") || c.op().equals("=") || c.op().equals("!=")) {
      BooleanQuery.Builder any = new BooleanQuery.Builder();
      c.values().forEach(id -> any.add(new TermQuery(new Term(RunFields.ID, id)), Occur.SHOULD));
      return c.op().startsWith("NOT") || c.op().equals("!=") ? not(any.build()) : any.build();
    }
    return keyword(c, RunFields.ID);
  }

  private static Query status(Clause c) {
    if (c.op().equals("=") || c.op().equals("!=") || c.op().equals("IN") || c.op().equals("NOT IN")) {
      BooleanQuery.Builder any = new BooleanQuery.Builder();
      c.values().forEach(v -> MlflowStatus.labels(v).forEach(
          label -> any.add(new TermQuery(new Term(RunFields.STATUS, label)), Occur.SHOULD)));
      Query q = any.build();
      return c.op().equals("!=") || c.op().equals("NOT IN") ? not(q) : q;
    }
    throw unsupported(c, "=, !=, IN, NOT IN");
  }

  /** A numeric comparison; the value must be a number. */
  private static Query number(Clause c, String field, FieldCatalog catalog) {
    double v;
    try {
      v = Double.parseDouble(c.value());
    } catch (NumberFormatException e) {
      throw MlflowRequest.invalid("Expected numeric value type for metric or time, got '" + c.value() + "' in "
          + c.key());
    }
    if (!catalog.isNumber(field)) {
      return c.op().equals("!=") ? new MatchAllDocsQuery() : new MatchNoDocsQuery();
    }
    return switch (c.op()) {
      case "=" -> DoublePoint.newExactQuery(field, v);
      case "!=" -> presentExcept(DoublePoint.newRangeQuery(field, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY),
          DoublePoint.newExactQuery(field, v));
      case "<" -> DoublePoint.newRangeQuery(field, Double.NEGATIVE_INFINITY, Math.nextDown(v));
      case "<=" -> DoublePoint.newRangeQuery(field, Double.NEGATIVE_INFINITY, v);
      case ">" -> DoublePoint.newRangeQuery(field, Math.nextUp(v), Double.POSITIVE_INFINITY);
      case ">=" -> DoublePoint.newRangeQuery(field, v, Double.POSITIVE_INFINITY);
      default -> throw unsupported(c, "=, !=, <, <=, >, >=");
    };
  }

  /**
   * A string comparison on a param or tag: a keyword field, or a numeric one for params that were numbers
   * (then only = and != apply, on the number the text spells).
   */
  private static Query text(Clause c, String field, FieldCatalog catalog) {
    if (!c.quoted()) {
      throw MlflowRequest.invalid("Parameter value is either not quoted or unidentified quote types used for"
          + " string value " + c.value() + ". Use either single or double quotes.");
    }
    FieldCatalog.Field f = catalog.get(field);
    if (f == null) {
      return c.op().equals("!=") || c.op().startsWith("NOT") ? new MatchAllDocsQuery() : new MatchNoDocsQuery();
    }
    if (f.kind() == FieldCatalog.Kind.NUMBER) {
      double v;
      try {
        v = Double.parseDouble(c.value());
      } catch (NumberFormatException e) {
        return c.op().equals("!=") ? DoublePoint.newRangeQuery(field, Double.NEGATIVE_INFINITY,
            Double.POSITIVE_INFINITY) : new MatchNoDocsQuery();
      }
      return switch (c.op()) {
        case "=" -> DoublePoint.newExactQuery(field, v);
        case "!=" -> presentExcept(DoublePoint.newRangeQuery(field, Double.NEGATIVE_INFINITY,
            Double.POSITIVE_INFINITY), DoublePoint.newExactQuery(field, v));
        default -> throw unsupported(c, "= and != (this param holds numbers)");
      };
    }
    return keyword(c, field);
  }

  private static Query keyword(Clause c, String field) {
    return switch (c.op()) {
      case "=" -> new TermQuery(new Term(field, c.value()));
      case "!=" -> presentExcept(new WildcardQuery(new Term(field, "*")), new TermQuery(new Term(field, c.value())));
      case "LIKE" -> new WildcardQuery(new Term(field, LikePattern.wildcard(c.value())));
      case "NOT LIKE" -> presentExcept(new WildcardQuery(new Term(field, "*")),
          new WildcardQuery(new Term(field, LikePattern.wildcard(c.value()))));
      case "ILIKE" -> new RegexpQuery(new Term(field, LikePattern.regexp(c.value())), RegExp.ALL,
          RegExp.ASCII_CASE_INSENSITIVE, 10_000);
      case "IN" -> {
        BooleanQuery.Builder any = new BooleanQuery.Builder();
        c.values().forEach(v -> any.add(new TermQuery(new Term(field, v)), Occur.SHOULD));
        yield any.build();
      }
      default -> throw unsupported(c, "=, !=, LIKE, ILIKE");
    };
  }

  /** Has {@code present} but not {@code excluded}: MLflow's != never matches a run without the key. */
  private static Query presentExcept(Query present, Query excluded) {
    return new BooleanQuery.Builder().add(present, Occur.FILTER).add(excluded, Occur.MUST_NOT).build();
  }

  private static Query not(Query q) {
    return new BooleanQuery.Builder().add(new MatchAllDocsQuery(), Occur.FILTER).add(q, Occur.MUST_NOT).build();
  }

  private static RuntimeException unsupported(Clause c, String allowed) {
    return MlflowRequest.invalid("Invalid comparator '" + c.op() + "' for " + c.entity().name().toLowerCase(
        java.util.Locale.ROOT) + " '" + c.key() + "'. Allowed: " + allowed);
  }
}
