package dev.descent.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The parameter declarations shown in docs/writing-a-plugin.md (real, integer and boolean, open and
 * closed bounds), and what validation makes of them.
 */
class ParamSpecTest {
  // docs/writing-a-plugin.md: begin ParamSpec kinds
  static final List<ParamSpec> PARAMETERS = List.of(
      ParamSpec.real("eps", 1e-8, "added to the denominator").above(0),                  // (0, inf)
      ParamSpec.real("dampening", 0.0, "fraction of the gradient held back").atLeast(0).atMost(1), // [0, 1]
      ParamSpec.real("beta1", 0.9, "decay rate of the first moment").atLeast(0).below(1),  // [0, 1)
      ParamSpec.integer("warmup_steps", 0, "updates before the full step size").atLeast(0), // 0, 1, 2, ...
      ParamSpec.bool("nesterov", false, "use Nesterov momentum"));                         // true or false
  // docs/writing-a-plugin.md: end ParamSpec kinds

  @Test
  void each_kind_of_declaration_describes_its_allowed_values() {
    assertEquals(List.of("a real number > 0", "a real number in [0, 1]", "a real number in [0, 1)", "an integer >= 0",
        "true or false"), PARAMETERS.stream().map(ParamSpec::allowed).toList());
  }

  @Test
  void closed_bounds_admit_their_ends_and_open_bounds_do_not() {
    Params ok = Params.resolve("test", PARAMETERS, Map.of("dampening", 1, "beta1", 0, "warmup_steps", 3, "nesterov", "true"));
    assertEquals(1.0, ok.real("dampening"));
    assertEquals(3L, ok.integer("warmup_steps"));
    assertEquals(true, ok.bool("nesterov"));
    InvalidParamsException e = assertThrows(InvalidParamsException.class,
        () -> Params.resolve("test", PARAMETERS, Map.of("eps", 0, "beta1", 1, "warmup_steps", 1.5)));
    assertEquals(List.of("eps", "beta1", "warmup_steps"), e.problems().stream().map(Problem::path).toList());
  }
}
