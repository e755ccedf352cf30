package dev.descent.core.optbench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SvgChartTest {
  @Test
  void a_log_axis_over_decades_ticks_each_decade_and_a_short_one_ticks_1_2_5() {
    assertEquals(List.of(-5.0, -4.0, -3.0, -2.0, -1.0, 0.0), SvgChart.logTicks(new double[] {-5, 0}));
    List<Double> profile = SvgChart.logTicks(new double[] {0, Math.log10(3)});
    assertEquals(2, profile.size(), profile.toString());
    assertEquals(Math.log10(2), profile.get(1), 1e-12);
  }

  @Test
  void a_profile_chart_labels_tau_plainly_and_escapes_names() {
    String svg = SvgChart.lines("t", "tau", "rho", true, true, List.of(new SvgChart.Series("a<b",
        List.of(new double[] {1, 0.5}, new double[] {3, 1}))));
    assertTrue(svg.contains(">2</text>"), svg);
    assertTrue(svg.contains("a&lt;b"), svg);
  }
}
