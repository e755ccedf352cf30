package dev.descent.core.search;

import dev.descent.core.DescentException;
import dev.descent.core.ErrorCode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.queryparser.flexible.core.QueryNodeException;
import org.apache.lucene.queryparser.flexible.core.QueryNodeParseException;
import org.apache.lucene.queryparser.flexible.core.builders.QueryTreeBuilder;
import org.apache.lucene.queryparser.flexible.core.nodes.FieldQueryNode;
import org.apache.lucene.queryparser.flexible.core.nodes.QueryNode;
import org.apache.lucene.queryparser.flexible.core.nodes.RangeQueryNode;
import org.apache.lucene.queryparser.flexible.standard.StandardQueryParser;
import org.apache.lucene.queryparser.flexible.standard.config.PointsConfig;
import org.apache.lucene.queryparser.flexible.standard.config.StandardQueryConfigHandler.Operator;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;

/**
 * Parses the run query language (Lucene's standard syntax, see {@code docs/query-language.md}) into a Lucene
 * query over a given {@link FieldCatalog}.
 *
 * <p>Parsing is split into Lucene's three steps so that the syntax tree can be checked before it is
 * processed: every field must be in the catalogue (a misspelt field is an error naming the known ones, not
 * an empty result) and every value of a numeric field must be a number, read exactly. Every error is a
 * {@link DescentException} with {@link ErrorCode#INVALID_INPUT}, the column of the problem and the known
 * fields. Terms without a field search the free text; terms are joined with AND unless told otherwise. A
 * query over the cost limits of {@link QueryCost} (length, terms, nesting, fuzzy and wildcard terms) is
 * refused before it runs.
 */
public final class RunQuery {
  private static final String EXAMPLE = "optimizer:adam AND learning_rate<=1e-3 AND val_accuracy>0.85";

  private RunQuery() {}

  /** The Lucene query for {@code query}; a null or blank query matches every run. */
  public static Query parse(String query, FieldCatalog catalog) {
    if (query == null || query.isBlank()) {
      return new MatchAllDocsQuery();
    }
    QueryCost.checkLength(query);
    String hidden = EpochsTo.hide(query, catalog);
    Map<String, PointsConfig> points = new HashMap<>();
    StandardQueryParser parser = parser(catalog, points);
    QueryNode tree;
    try {
      tree = parser.getSyntaxParser().parse(hidden, RunFields.TEXT);
    } catch (QueryNodeParseException e) {
      SyntaxErrors.Problem problem = SyntaxErrors.locate(e, query);
      throw invalid(query, problem.column(), "syntax error: " + EpochsTo.shown(problem.message()),
          catalog);
    }
    QueryCost.checkDepth(tree);
    Map<String, EpochsTo.Ref> curves = new HashMap<>();
    check(tree, query, catalog, curves);
    curves.forEach((field, ref) -> {
      points.put(field, new PointsConfig(new ExactNumberFormat(), Double.class));
      ((QueryTreeBuilder) parser.getQueryBuilder()).setBuilder(field, EpochsTo.builder(ref));
    });
    QueryNode processed;
    try {
      processed = parser.getQueryNodeProcessor().process(tree);
    } catch (QueryNodeException | RuntimeException e) {
      throw invalid(query, 1, e.getMessage(), catalog);
    }
    QueryCost.check(processed);
    try {
      return (Query) parser.getQueryBuilder().build(processed);
    } catch (QueryNodeException | RuntimeException e) {
      throw invalid(query, 1, e.getMessage(), catalog);
    }
  }

  /** A parser over the catalogue's fields; {@code points} is its (still open) map of numeric fields. */
  private static StandardQueryParser parser(FieldCatalog catalog, Map<String, PointsConfig> points) {
    StandardQueryParser parser = new StandardQueryParser(RunAnalyzers.SHARED);
    PointsConfig exact = new PointsConfig(new ExactNumberFormat(), Double.class);
    catalog.names(FieldCatalog.Kind.NUMBER).forEach(n -> points.put(n, exact));
    parser.setPointsConfigMap(points);
    parser.setDefaultOperator(Operator.AND);
    parser.setAllowLeadingWildcard(true);
    return parser;
  }

  /**
   * Walks the syntax tree: known fields only, and numbers where numbers are indexed. The epochs_to fields met
   * are collected in {@code curves}, by their (hidden) field name.
   */
  private static void check(QueryNode node, String query, FieldCatalog catalog, Map<String, EpochsTo.Ref> curves) {
    if (node instanceof FieldQueryNode term && (EpochsTo.mentioned(term.getFieldAsString())
        || EpochsTo.mentioned(term.getTextAsString()))) {
      checkEpochsTo(term, query, catalog, curves);
    } else if (node instanceof FieldQueryNode term) {
      String field = term.getFieldAsString();
      String text = term.getTextAsString();
      if (catalog.get(field) == null) {
        throw invalid(query, fieldColumn(query, field, term.getBegin()), "unknown field '" + field + "'", catalog);
      }
      if (catalog.isNumber(field) && !text.isEmpty() && !text.equals("*")
          && ExactNumberFormat.exact(text) == null) {
        throw invalid(query, term.getBegin() + 1, "'" + text + "' is not a number, and " + field
            + " is a numeric field (write numbers like 0.001, 1e-3, 128)", catalog);
      }
    }
    List<QueryNode> children = node.getChildren();
    if (children != null) {
      children.forEach(child -> check(child, query, catalog, curves));
    }
  }

  private static void checkEpochsTo(FieldQueryNode term, String query, FieldCatalog catalog,
      Map<String, EpochsTo.Ref> curves) {
    String field = term.getFieldAsString();
    String text = term.getTextAsString();
    EpochsTo.Ref ref = EpochsTo.of(field);
    if (ref == null) {
      String written = EpochsTo.shown(EpochsTo.mentioned(field) ? field : text);
      throw invalid(query, fieldColumn(query, written, term.getBegin()), "'" + written + "' needs a comparison"
          + " of epochs, as in " + EpochsTo.EXAMPLE + " or " + written + ":[1 TO 5]", catalog);
    }
    if (!catalog.hasEpochsTo(ref.metric())) {
      throw invalid(query, fieldColumn(query, ref.written(), term.getBegin()), "unknown field '" + ref.written()
          + "': no run has a per-epoch history of '" + ref.metric() + "'", catalog);
    }
    if (text.equals("*") && !(term.getParent() instanceof RangeQueryNode)) {
      throw invalid(query, term.getBegin() + 1, "'*' alone is no epoch; " + ref.written() + ":[1 TO *] finds"
          + " the runs that reached the target at all", catalog);
    }
    if (!text.isEmpty() && !text.equals("*") && ExactNumberFormat.exact(text) == null) {
      throw invalid(query, term.getBegin() + 1, "'" + EpochsTo.shown(text) + "' is not a number, and "
          + ref.written() + " is an epoch (write e.g. " + EpochsTo.EXAMPLE + ")", catalog);
    }
    curves.put(field, ref);
  }

  /** The 1-based column of a field name: the last mention of it before its value. */
  private static int fieldColumn(String query, String field, int valueBegin) {
    int at = query.lastIndexOf(field, Math.max(0, valueBegin));
    return (at >= 0 ? at : Math.max(0, valueBegin)) + 1;
  }

  static DescentException invalid(String query, int column, String problem, FieldCatalog catalog) {
    String caret = " ".repeat(Math.max(0, column - 1)) + "^";
    return new DescentException(ErrorCode.INVALID_INPUT, "Invalid query at column " + column + ": " + problem
        + "\n  " + query + "\n  " + caret + "\n" + catalog.describe() + ". Example: " + EXAMPLE);
  }
}
