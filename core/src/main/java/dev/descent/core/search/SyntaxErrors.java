package dev.descent.core.search;

import java.util.Arrays;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.lucene.queryparser.flexible.core.QueryNodeParseException;
import org.apache.lucene.queryparser.flexible.standard.parser.ParseException;
import org.apache.lucene.queryparser.flexible.standard.parser.Token;

/**
 * Where a query's syntax went wrong, and what was expected there.
 *
 * <p>Lucene's flexible parser reports a syntax error as "Syntax Error, cannot parse QUERY" and leaves the
 * column of its exception at 0; the offending token is on the JavaCC {@link ParseException} (columns counted
 * from 0), and a lexical error's column only in the message of the wrapped {@code TokenMgrError}.
 */
final class SyntaxErrors {
  private static final Pattern LEXICAL_COLUMN = Pattern.compile("column (\\d+)");

  private SyntaxErrors() {}

  /** A located problem: 1-based column and a one-line description. */
  record Problem(int column, String message) {}

  static Problem locate(QueryNodeParseException e, String query) {
    if (e instanceof ParseException p && p.currentToken != null && p.currentToken.next != null) {
      Token bad = p.currentToken.next;
      String found = bad.kind == 0 ? "end of query" : "'" + bad.image + "'";
      return new Problem(Math.min(bad.beginColumn, query.length()) + 1,
          "unexpected " + found + expected(p));
    }
    String cause = e.getCause() == null ? null : e.getCause().getMessage();
    if (cause != null) {
      Matcher m = LEXICAL_COLUMN.matcher(cause);
      if (m.find()) {
        // The lexer counts from 1 and reports the column after the character it could not read.
        int column = Math.max(1, Math.min(Integer.parseInt(m.group(1)) - 1, query.length()));
        return new Problem(column, "cannot read the query here (an unclosed quote or a stray character?)");
      }
    }
    return new Problem(1, Objects.toString(e.getMessage(), e.toString()).replaceAll("\\s+", " "));
  }

  private static String expected(ParseException p) {
    if (p.expectedTokenSequences == null || p.tokenImage == null) {
      return "";
    }
    String options = Arrays.stream(p.expectedTokenSequences).filter(s -> s.length > 0)
        .map(s -> p.tokenImage[s[0]]).distinct().limit(12).collect(Collectors.joining(" "));
    return options.isEmpty() ? "" : "; expected one of: " + options;
  }
}
