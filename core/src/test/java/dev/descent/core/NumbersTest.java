package dev.descent.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class NumbersTest {
  @Test
  void writes_doubles_as_python_does_never_as_javas_exponent_form() {
    assertEquals("1e-08", Numbers.plain(1e-8));
    assertEquals("1e-10", Numbers.plain(1e-10));
    assertEquals("-2.5e-05", Numbers.plain(-2.5e-5));
    assertEquals("0.0001", Numbers.plain(1e-4));
    assertEquals("0.001", Numbers.plain(0.001));
    assertEquals("0.91812", Numbers.plain(0.91812));
    assertEquals("0.1", Numbers.plain(0.1));
    assertEquals("128", Numbers.plain(128.0));
    assertEquals("0", Numbers.plain(0.0));
    assertEquals("1e+16", Numbers.plain(1e16));
    assertEquals("123456789012345.6", Numbers.plain(123456789012345.6));
    assertEquals("NaN", Numbers.plain(Double.NaN));
  }

  @Test
  void every_written_double_reads_back_as_the_same_double() {
    java.util.Random random = new java.util.Random(42);
    for (int i = 0; i < 10_000; i++) {
      double d = Double.longBitsToDouble(random.nextLong());
      if (Double.isFinite(d)) {
        assertEquals(d, Double.parseDouble(Numbers.plain(d)), Numbers.plain(d));
      }
      double small = random.nextDouble() * Math.pow(10, -random.nextInt(12));
      assertEquals(small, Double.parseDouble(Numbers.plain(small)), Numbers.plain(small));
    }
  }

  @Test
  void other_values_are_written_as_they_are() {
    assertEquals("adam", Numbers.plain((Object) "adam"));
    assertEquals("32", Numbers.plain((Object) 32L));
    assertEquals("", Numbers.plain((Object) null));
    assertEquals("1e-08", Numbers.plain((Object) 1e-8));
  }
}
