package dev.descent.cli;

import dev.descent.core.Numbers;
import dev.descent.core.stats.AnalysisReport;
import dev.descent.core.stats.AnovaRow;
import dev.descent.core.stats.SweepAnalysis;
import dev.descent.core.store.Run;
import dev.descent.core.sweep.SweepSummary;
import java.io.PrintWriter;
import java.util.Map;
import java.util.Objects;

/**
 * The analysis of a sweep ({@link SweepAnalysis}) as {@code descent sweeps analyze} prints it, and as the section
 * {@code descent run} adds to a grid sweep's summary.
 */
final class AnalysisPrinter {
  private AnalysisPrinter() {}

  /** The plain lines, then the ANOVA table. */
  static void print(PrintWriter out, SweepAnalysis a) {
    AnalysisReport.lines(a).forEach(l -> out.println("  " + l));
    if (a.anova() == null) {
      return;
    }
    out.printf("%n  %-32s %4s %12s %10s %10s %10s%n", "term", "df", "sum_sq", "F", "p", "partial η²");
    for (AnovaRow r : a.anova().rows()) {
      out.printf("  %-32s %4s %12.4g %10s %10s %10s%n", r.term(), Numbers.plain(r.df()), r.sumSq(), fmt(r.f(), "%.4g"),
          fmt(r.p(), "%.3g"), fmt(r.partialEtaSq(), "%.3f"));
    }
  }

  private static String fmt(double v, String format) {
    return Double.isNaN(v) ? "" : String.format(format, v);
  }

  /** The section of {@code descent run}'s summary: only for a sweep with grid axes. */
  static void printSection(PrintWriter out, SweepSummary s) {
    if (!s.sweep().axes().isEmpty()) {
      out.printf("%nwhat matters for %s, and is the winner real:%n", s.sweep().objective().metric());
      print(out, analysis(s));
    }
  }

  /** {@code descent run --json}'s summary with the analysis under {@code "analysis"}. */
  static Map<String, Object> withAnalysis(Map<String, Object> summary, SweepSummary s) {
    if (!s.sweep().axes().isEmpty()) {
      summary.put("analysis", AnalysisReport.toMap(analysis(s)));
    }
    return summary;
  }

  private static SweepAnalysis analysis(SweepSummary s) {
    return SweepAnalysis.of(s.sweep().objective(), s.sweep().axes(),
        s.rows().stream().map(SweepSummary.Row::run).filter(Objects::nonNull).map(Run.class::cast).toList());
  }
}
