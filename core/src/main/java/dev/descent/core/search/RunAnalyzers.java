package dev.descent.core.search;

import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.core.KeywordAnalyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.standard.StandardAnalyzer;

/**
 * The analyzer for indexing and for parsing queries: {@link StandardAnalyzer} for the free-text field only,
 * {@link KeywordAnalyzer} for everything else. StandardAnalyzer on a keyword would lowercase and split it, so
 * {@code experiment:fashion-mlp} would become a phrase of two terms that the indexed keyword never matches.
 */
final class RunAnalyzers {
  /** For query parsing: analyzers are thread-safe, and building one per query is wasted work. */
  static final Analyzer SHARED = create();

  private RunAnalyzers() {}

  static Analyzer create() {
    return new PerFieldAnalyzerWrapper(new KeywordAnalyzer(), Map.of(RunFields.TEXT, new StandardAnalyzer()));
  }
}
