package dev.descent.testkit;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.spi.InvalidParamsException;
import dev.descent.spi.ParamSpec;
import dev.descent.spi.ParamType;
import dev.descent.spi.Plugin;
import dev.descent.spi.PluginNames;
import dev.descent.spi.Problem;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * What every plugin must do, whatever its kind: a valid name, documented parameters whose
 * defaults resolve, and validation that rejects unknown keys, out-of-range values and wrong types
 * while naming the field.
 *
 * <p>Extend one of the kind-specific contracts ({@link ActivationContract}, {@link LossContract},
 * {@link OptimizerContract}) rather than this class.
 *
 * @param <P> the provider type
 */
public abstract class PluginContract<P extends Plugin> {

  /** The plugin under test; may return the same instance every time (providers are stateless). */
  protected abstract P plugin();

  /**
   * Validates {@code raw} and builds whatever the plugin builds from it; kind-specific contracts
   * call the provider's {@code configure} so creation itself is exercised too.
   */
  protected Object configure(Map<String, ?> raw) {
    return plugin().resolve(raw);
  }

  /**
   * The checks of this contract, in order; a subclass adds its kind's checks after these. The same
   * list is what {@code descent plugins verify} runs (see {@link Contracts}).
   */
  public List<ContractCheck> checks() {
    List<ContractCheck> checks = new ArrayList<>();
    checks.add(new ContractCheck("name_follows_the_plugin_name_rule", this::name_follows_the_plugin_name_rule));
    checks.add(new ContractCheck("every_parameter_name_follows_the_rule_and_its_default_resolves", this::every_parameter_name_follows_the_rule_and_its_default_resolves));
    checks.add(new ContractCheck("configures_from_an_empty_map", this::configures_from_an_empty_map));
    checks.add(new ContractCheck("rejects_an_unknown_key_listing_the_valid_names", this::rejects_an_unknown_key_listing_the_valid_names));
    checks.add(new ContractCheck("rejects_values_just_outside_each_bounded_range_naming_the_field", this::rejects_values_just_outside_each_bounded_range_naming_the_field));
    checks.add(new ContractCheck("rejects_a_value_of_the_wrong_type_naming_the_field", this::rejects_a_value_of_the_wrong_type_naming_the_field));
    checks.add(new ContractCheck("has_a_description", this::has_a_description));
    checks.add(new ContractCheck("has_a_version", this::has_a_version));
    return checks;
  }

  /** Runs {@link #checks()} as JUnit tests, one per check, each named like the check. */
  @TestFactory
  Stream<DynamicTest> contract() {
    return checks().stream().map(c -> DynamicTest.dynamicTest(c.name(), c.body()));
  }

  private void name_follows_the_plugin_name_rule() {
    String name = plugin().name();
    assertTrue(PluginNames.isValid(name), () -> "name '" + name + "' must be " + PluginNames.rule());
  }

  private void every_parameter_name_follows_the_rule_and_its_default_resolves() {
    for (ParamSpec spec : plugin().parameters()) {
      assertTrue(PluginNames.isValid(spec.name()), () -> "parameter '" + spec.name() + "' must be " + PluginNames.rule());
      assertFalse(spec.description().isBlank(), () -> "parameter '" + spec.name() + "' needs a description");
      Map<String, Object> raw = Map.of(spec.name(), spec.defaultValue());
      assertDoesNotThrow(() -> configure(raw), () -> "default of '" + spec.name() + "' must resolve");
    }
  }

  private void configures_from_an_empty_map() {
    assertNotNull(configure(Map.of()));
    assertNotNull(plugin().resolve(Map.of()));
  }

  private void rejects_an_unknown_key_listing_the_valid_names() {
    String key = "no_such_parameter_zz";
    InvalidParamsException e = assertThrows(InvalidParamsException.class, () -> configure(Map.of(key, 1)));
    assertTrue(e.getMessage().contains(key), () -> "message must name the key: " + e.getMessage());
    for (ParamSpec spec : plugin().parameters()) {
      assertTrue(e.getMessage().contains(spec.name()), () -> "message must list '" + spec.name() + "': " + e.getMessage());
    }
  }

  private void rejects_values_just_outside_each_bounded_range_naming_the_field() {
    for (ParamSpec spec : plugin().parameters()) {
      if (spec.type() == ParamType.BOOLEAN) {
        continue;
      }
      if (spec.min() != null) {
        assertRejected(spec, below(spec));
      }
      if (spec.max() != null) {
        assertRejected(spec, above(spec));
      }
    }
  }

  private void rejects_a_value_of_the_wrong_type_naming_the_field() {
    for (ParamSpec spec : plugin().parameters()) {
      assertRejected(spec, "abc");
    }
  }

  private void has_a_description() {
    assertNotNull(plugin().description());
    assertFalse(plugin().description().isBlank(), "description must not be blank");
  }

  private void has_a_version() {
    assertNotNull(plugin().version());
    assertFalse(plugin().version().isBlank(), "version must not be blank");
  }

  private void assertRejected(ParamSpec spec, Object bad) {
    Map<String, Object> raw = new HashMap<>();
    raw.put(spec.name(), bad);
    InvalidParamsException e = assertThrows(InvalidParamsException.class, () -> configure(raw),
        () -> spec.name() + "=" + bad + " must be rejected (allowed: " + spec.allowed() + ")");
    assertTrue(e.problems().stream().map(Problem::path).anyMatch(spec.name()::equals),
        () -> "problem must name '" + spec.name() + "': " + e.getMessage());
  }

  private static Object below(ParamSpec spec) {
    double min = spec.min();
    if (spec.type() == ParamType.INTEGER) {
      return spec.minInclusive() ? (long) Math.ceil(min) - 1 : (long) Math.floor(min);
    }
    return spec.minInclusive() ? Math.nextDown(min) : min;
  }

  private static Object above(ParamSpec spec) {
    double max = spec.max();
    if (spec.type() == ParamType.INTEGER) {
      return spec.maxInclusive() ? (long) Math.floor(max) + 1 : (long) Math.ceil(max);
    }
    return spec.maxInclusive() ? Math.nextUp(max) : max;
  }
}
