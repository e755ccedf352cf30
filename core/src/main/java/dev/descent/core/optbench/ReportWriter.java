package dev.descent.core.optbench;

import dev.descent.core.DescentException;
import dev.descent.core.ErrorCode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes the report twice from the same blocks: {@code report.md} (tables, the charts left to the page) and
 * {@code report.html}, one self-contained page whose charts are inline SVG: no script, no stylesheet or font
 * from elsewhere, so it opens offline and can be committed as it is.
 */
public final class ReportWriter {
  public static final String MARKDOWN = "report.md";
  public static final String HTML = "report.html";

  private ReportWriter() {}

  /** Writes both files into {@code dir} (created if needed); returns their paths, Markdown first. */
  public static List<Path> write(BenchResult result, String command, Path dir) {
    List<ReportBlock> blocks = ReportContent.of(result, command);
    try {
      Files.createDirectories(dir);
      Path md = Files.writeString(dir.resolve(MARKDOWN), markdown(blocks), StandardCharsets.UTF_8);
      Path html = Files.writeString(dir.resolve(HTML), html(blocks), StandardCharsets.UTF_8);
      return List.of(md, html);
    } catch (IOException e) {
      throw new DescentException(ErrorCode.INVALID_INPUT, "cannot write the report into " + dir + ": "
          + e.getMessage() + "; give a writable --out DIR", e);
    }
  }

  static String markdown(List<ReportBlock> blocks) {
    StringBuilder s = new StringBuilder();
    boolean chartNoted = false;
    for (ReportBlock b : blocks) {
      if (b instanceof ReportBlock.Heading h) {
        s.append("#".repeat(h.level())).append(' ').append(h.text()).append("\n\n");
      } else if (b instanceof ReportBlock.Paragraph p) {
        s.append(p.text()).append("\n\n");
      } else if (b instanceof ReportBlock.Bullets l) {
        l.items().forEach(i -> s.append("- ").append(i).append('\n'));
        s.append('\n');
      } else if (b instanceof ReportBlock.Table t) {
        s.append("| ").append(String.join(" | ", t.header())).append(" |\n|");
        t.header().forEach(h -> s.append("---|"));
        s.append('\n');
        t.rows().forEach(r -> s.append("| ").append(String.join(" | ", r)).append(" |\n"));
        s.append('\n');
      } else if (b instanceof ReportBlock.Chart && !chartNoted) {
        s.append("(Charts: see [").append(HTML).append("](").append(HTML).append(").)\n\n");
        chartNoted = true;
      }
    }
    return s.toString();
  }

  static String html(List<ReportBlock> blocks) {
    StringBuilder s = new StringBuilder("<!DOCTYPE html>\n<html lang='en'><head><meta charset='utf-8'><title>");
    blocks.stream().filter(b -> b instanceof ReportBlock.Heading).findFirst()
        .ifPresent(h -> s.append(SvgChart.escape(((ReportBlock.Heading) h).text())));
    s.append("</title><style>body{font-family:sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;"
        + "line-height:1.45}table{border-collapse:collapse;margin:0.5em 0 1em}td,th{border:1px solid #ccc;"
        + "padding:3px 8px;text-align:right}td:first-child,th:first-child{text-align:left}th{background:#f3f3f3}"
        + "code{background:#f3f3f3;padding:0 3px}svg{margin:0.3em 1em 0.3em 0}</style></head><body>\n");
    boolean inCharts = false;
    for (ReportBlock b : blocks) {
      if (b instanceof ReportBlock.Chart != inCharts) { // consecutive charts share a row
        s.append(inCharts ? "</div>\n" : "<div style='display:flex;flex-wrap:wrap'>");
        inCharts = !inCharts;
      }
      if (b instanceof ReportBlock.Heading h) {
        s.append("<h").append(h.level()).append('>').append(inline(h.text())).append("</h").append(h.level())
            .append(">\n");
      } else if (b instanceof ReportBlock.Paragraph p) {
        s.append("<p>").append(inline(p.text())).append("</p>\n");
      } else if (b instanceof ReportBlock.Bullets l) {
        s.append("<ul>");
        l.items().forEach(i -> s.append("<li>").append(inline(i)).append("</li>"));
        s.append("</ul>\n");
      } else if (b instanceof ReportBlock.Table t) {
        s.append("<table><tr>");
        t.header().forEach(h -> s.append("<th>").append(inline(h)).append("</th>"));
        s.append("</tr>");
        for (List<String> r : t.rows()) {
          s.append("<tr>");
          r.forEach(c -> s.append("<td>").append(inline(c)).append("</td>"));
          s.append("</tr>");
        }
        s.append("</table>\n");
      } else if (b instanceof ReportBlock.Chart c) {
        s.append(c.svg()).append('\n');
      }
    }
    return s.append(inCharts ? "</div>\n" : "").append("</body></html>\n").toString();
  }

  /** Escapes the text and turns the Markdown the blocks use ({@code **bold**}, {@code `code`}) into tags. */
  private static String inline(String text) {
    return SvgChart.escape(text).replaceAll("\\*\\*(.+?)\\*\\*", "<b>$1</b>").replaceAll("`(.+?)`", "<code>$1</code>");
  }
}
