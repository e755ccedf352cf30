package dev.descent.core.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.core.DescentException;
import dev.descent.core.ErrorCode;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A query over a cost limit is refused before it runs, with a message naming the limit and the value. */
class QueryCostTest {
  @TempDir Path dir;
  private RunIndex index;
  private RunSearch search;

  @BeforeEach
  void open() {
    InMemoryRunStore store = HandBuiltRuns.store();
    index = RunIndex.open(dir, store);
    search = new RunSearch(index, store);
  }

  @AfterEach
  void close() {
    index.close();
  }

  private String refused(String query) {
    DescentException e = assertThrows(DescentException.class, () -> search.search(query, null, 0, 10));
    assertEquals(ErrorCode.INVALID_INPUT, e.code());
    assertTrue(e.getMessage().startsWith("Query refused as too costly to run: "), e.getMessage());
    return e.getMessage();
  }

  private static String repeat(int n, String template, String joiner) {
    return IntStream.range(0, n).mapToObj(i -> template.replace("#", Integer.toString(i)))
        .collect(Collectors.joining(joiner));
  }

  @Test
  void refuses_280_fuzzy_terms_naming_the_limit() {
    String message = refused(repeat(280, "a#~", " "));
    assertTrue(message.contains("it has 280 fuzzy, wildcard, prefix or regular expression terms; the limit is 10"),
        message);
  }

  @Test
  void runs_ten_fuzzy_or_wildcard_terms() {
    assertEquals(2, search.count("optimizer:adm~1 AND " + repeat(9, "optimizer:a*", " AND ")));
  }

  @Test
  void counts_wildcards_prefixes_and_regular_expressions_as_expensive() {
    String message = refused(repeat(4, "optimizer:a*", " OR ") + " OR " + repeat(4, "optimizer:*m", " OR ")
        + " OR " + repeat(3, "optimizer:/s.d/", " OR "));
    assertTrue(message.contains("it has 11 fuzzy"), message);
  }

  @Test
  void refuses_a_query_over_2000_characters() {
    String query = "optimizer:adam AND " + "x".repeat(1990);
    String message = refused(query);
    assertTrue(message.contains("it is 2009 characters long; the limit is 2000"), message);
    assertTrue(message.length() < 300, "the message does not repeat the whole query: " + message);
  }

  @Test
  void refuses_more_than_256_terms_and_runs_256() {
    assertEquals(0, search.count(repeat(256, "w#", " OR ")));
    String message = refused(repeat(257, "w#", " OR "));
    assertTrue(message.contains("it has 257 terms; the limit is 256"), message);
  }

  @Test
  void refuses_deep_nesting() {
    String message = refused("(".repeat(40) + "optimizer:adam" + ")".repeat(40));
    assertTrue(message.contains("nest more than 32 levels deep"), message);
    assertEquals(2, search.count("(".repeat(8) + "optimizer:adam" + ")".repeat(8)));
  }

  @Test
  void refuses_a_regular_expression_repeated_a_million_times() {
    String message = refused("optimizer:/a{1000000}/");
    assertTrue(message.contains("repeats something 1000000 times; the limit is 100"), message);
    assertEquals(2, search.count("optimizer:/a{1}d{1,3}am/"));
  }

  @Test
  void refuses_a_fuzzy_term_too_long_for_its_automaton_and_runs_one_of_100_characters() {
    String message = refused("optimizer:" + "uucq9,".repeat(40) + "~");
    assertTrue(message.contains("a fuzzy term~ is 240 characters long; the limit is 100"), message);
    assertEquals(0, search.count("optimizer:" + "uucq9,ab".repeat(12) + "abcd~"));
  }
}
