package dev.descent.builtin.optimizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.spi.InvalidParamsException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SgdNesterovTest {

  @Test
  void rejects_nesterov_without_momentum_as_torch_does() {
    InvalidParamsException e = assertThrows(InvalidParamsException.class,
        () -> new SgdProvider().configure(Map.of("nesterov", true)));
    assertEquals("nesterov", e.problems().get(0).path());
    assertTrue(e.getMessage().contains("momentum > 0"), e.getMessage());
  }

  @Test
  void rejects_nesterov_with_dampening_as_torch_does() {
    assertThrows(InvalidParamsException.class,
        () -> new SgdProvider().configure(Map.of("nesterov", true, "momentum", 0.9, "dampening", 0.1)));
  }
}
