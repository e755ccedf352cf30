package dev.descent.core.search;

import dev.descent.core.DescentException;
import dev.descent.core.ErrorCode;
import java.util.List;
import org.apache.lucene.queryparser.flexible.core.nodes.FieldableNode;
import org.apache.lucene.queryparser.flexible.core.nodes.FuzzyQueryNode;
import org.apache.lucene.queryparser.flexible.core.nodes.QueryNode;
import org.apache.lucene.queryparser.flexible.standard.nodes.RegexpQueryNode;
import org.apache.lucene.queryparser.flexible.standard.nodes.WildcardQueryNode;

/**
 * What one query may cost. A search runs inside a CLI command or a dashboard request, so a query is refused
 * (INVALID_INPUT, naming the limit and the value) before it runs rather than allowed to take seconds: 280 fuzzy
 * terms took over a second of server time on a 10-run store, because each builds a Levenshtein automaton and
 * walks the term dictionary.
 *
 * <p>The limits: the length of the query, the number of terms (leaves of the query tree), how deeply
 * parentheses nest, and how many expensive terms (fuzzy {@code adm~}, wildcard and prefix {@code ad*},
 * regular expression {@code /ad.m/}) it has. A fuzzy term also expands to at most Lucene's default of 50
 * index terms, and a regular expression or wildcard whose automaton is too complex to determinize is refused
 * by Lucene itself. Wildcards are not capped in expansions (that would silently drop matches); their cost is
 * bounded by the number of distinct terms in the index, and by the count of them here.
 */
final class QueryCost {
  /** The longest query, in characters. */
  static final int MAX_LENGTH = 2_000;
  /** The most terms (field:value pairs, free-text words, ranges). */
  static final int MAX_TERMS = 256;
  /** The most fuzzy, wildcard, prefix and regular expression terms. */
  static final int MAX_EXPENSIVE = 10;
  /** The deepest syntax tree (each pair of parentheses adds one or two levels). */
  static final int MAX_DEPTH = 32;
  /** The largest repeat count in a regular expression ({@code a{1000000}} builds a million states). */
  static final int MAX_REPEAT = 100;
  /**
   * The longest fuzzy term, in characters: Lucene builds a Levenshtein automaton per term and gives up on
   * one too complex with an exception of its own (a 1,206-byte fuzzy term found by the query fuzzer).
   */
  static final int MAX_FUZZY_CHARS = 100;

  private QueryCost() {}

  /** Refuses a query longer than {@link #MAX_LENGTH}, before anything parses it. */
  static void checkLength(String query) {
    if (query.length() > MAX_LENGTH) {
      throw tooCostly("it is " + query.length() + " characters long; the limit is " + MAX_LENGTH);
    }
  }

  /** Refuses a syntax tree nested deeper than {@link #MAX_DEPTH} nodes, before Lucene's processors recurse. */
  static void checkDepth(QueryNode tree) {
    depth(tree, 1);
  }

  private static void depth(QueryNode node, int depth) {
    if (depth > MAX_DEPTH) {
      throw tooCostly("its parentheses and operators nest more than " + MAX_DEPTH + " levels deep; the limit is "
          + MAX_DEPTH);
    }
    List<QueryNode> children = node.getChildren();
    if (children != null) {
      for (QueryNode child : children) {
        depth(child, depth + 1);
      }
    }
  }

  /** Refuses a processed query tree with too many terms or expensive terms. */
  static void check(QueryNode tree) {
    int[] count = new int[2]; // terms, expensive terms
    walk(tree, count);
    if (count[1] > MAX_EXPENSIVE) {
      throw tooCostly("it has " + count[1] + " fuzzy, wildcard, prefix or regular expression terms; the limit is "
          + MAX_EXPENSIVE);
    }
    if (count[0] > MAX_TERMS) {
      throw tooCostly("it has " + count[0] + " terms; the limit is " + MAX_TERMS);
    }
  }

  private static void walk(QueryNode node, int[] count) {
    if (node instanceof FuzzyQueryNode fuzzy) {
      count[1]++;
      int chars = fuzzy.getText().length();
      if (chars > MAX_FUZZY_CHARS) {
        throw tooCostly("a fuzzy term~ is " + chars + " characters long; the limit is " + MAX_FUZZY_CHARS);
      }
    } else if (node instanceof WildcardQueryNode) {
      count[1]++;
    } else if (node instanceof RegexpQueryNode regexp) {
      count[1]++;
      checkRepeats(regexp.getText().toString());
    }
    List<QueryNode> children = node.getChildren();
    if (children == null || children.isEmpty()) {
      if (node instanceof FieldableNode) {
        count[0]++;
      }
      return;
    }
    for (QueryNode child : children) {
      walk(child, count);
    }
  }

  /** Refuses {@code {n}}, {@code {n,}} and {@code {n,m}} repeats above {@link #MAX_REPEAT}. */
  private static void checkRepeats(String regexp) {
    long n = 0;
    boolean inBraces = false;
    for (int i = 0; i < regexp.length(); i++) {
      char c = regexp.charAt(i);
      if (c == '{') {
        inBraces = true;
        n = 0;
      } else if (inBraces && c >= '0' && c <= '9') {
        n = Math.min(n * 10 + (c - '0'), Integer.MAX_VALUE);
      } else if (inBraces) {
        if (n > MAX_REPEAT) {
          throw tooCostly("a regular expression repeats something " + n + " times; the limit is " + MAX_REPEAT);
        }
        n = 0;
        inBraces = c != '}';
      }
    }
  }

  private static DescentException tooCostly(String why) {
    return new DescentException(ErrorCode.INVALID_INPUT, "Query refused as too costly to run: " + why
        + ". Narrow it (fewer terms, fewer fuzzy~ or wild* terms) or split it into several searches.");
  }
}
