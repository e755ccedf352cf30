package dev.descent.core.optbench;

import java.util.List;

/** A piece of the report, written once and rendered as Markdown or HTML. */
sealed interface ReportBlock {
  record Heading(int level, String text) implements ReportBlock {}

  record Paragraph(String text) implements ReportBlock {}

  record Bullets(List<String> items) implements ReportBlock {}

  record Table(List<String> header, List<List<String>> rows) implements ReportBlock {}

  /** An inline SVG: drawn in the HTML page, left out of the Markdown (which points at the page). */
  record Chart(String svg) implements ReportBlock {}
}
