package dev.descent.core.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.spi.Optimizer;
import dev.descent.spi.ParameterState;
import dev.descent.spi.PluginKind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A plugin directory with one good jar and one jar per way a plugin can be broken: each bad jar
 * gets exactly one message that names it and its problem, and the good plugin loads and works.
 */
class PluginJarsTest {
  @TempDir
  static Path dir;

  static LoadedPlugins loaded;

  @BeforeAll
  static void loadADirectoryOfGoodAndBadJars() throws IOException {
    jar("a-good.jar", "good", "test_good", "", "2.3.4", "1");
    jar("b-no-noarg.jar", "noarg", "test_noarg", "public Provider(int x) {}", "1", "1");
    jar("c-throwing-ctor.jar", "ctor", "test_ctor", "public Provider() { throw new IllegalStateException(\"ctor boom\"); }", "1", "1");
    jar("d-throwing-static.jar", "stat", "test_static",
        "static final int X = boom(); static int boom() { throw new IllegalStateException(\"static boom\"); }", "1", "1");
    jar("e-dup-builtin.jar", "dupb", "adam", "", "1", "1");
    jar("f-bad-name.jar", "badname", "Bad-Name", "", "1", "1");
    jar("g-old-spi.jar", "oldspi", "test_old_spi", "", "1", "0");
    jar("h-no-spi-attribute.jar", "nospi", "test_no_spi", "", "1", null);
    jar("i-dup-jar.jar", "dupj", "test_good", "", "1", "1");
    Files.writeString(dir.resolve("j-not-a-jar.jar"), "plain text", StandardCharsets.UTF_8);
    loaded = PluginJars.load(dir, PluginJarsTest.class.getClassLoader());
  }

  private static void jar(String file, String pkg, String name, String members, String version, String spi) throws IOException {
    TestJars.optimizerJar(dir.resolve(file), pkg, TestJars.optimizer(pkg, name, members), version, spi);
  }

  private static String problemOf(String jar) {
    List<PluginProblem> mine = loaded.problems().stream().filter(p -> p.jar().getFileName().toString().equals(jar)).toList();
    assertEquals(1, mine.size(), () -> jar + " must have exactly one problem: " + loaded.problems());
    assertTrue(mine.get(0).toString().contains(jar), mine.get(0)::toString);
    return mine.get(0).message();
  }

  @Test
  void the_good_plugin_loads_with_its_manifest_version_jar_and_hash_and_works() throws Exception {
    PluginEntry e = loaded.registry().entry(PluginKind.OPTIMIZER, "test_good");
    assertEquals("2.3.4", e.version());
    assertEquals(dir.resolve("a-good.jar").toAbsolutePath().normalize(), e.source());
    assertEquals(64, e.sha256().length());
    Optimizer opt = loaded.registry().optimizer("test_good").configure(Map.of("learning_rate", 0.5));
    INDArray p = Nd4j.createFromArray(new double[][] {{1.0, 2.0}});
    ParameterState s = opt.newState(p);
    s.step(p, Nd4j.createFromArray(new double[][] {{2.0, 2.0}}));
    assertEquals(0.0, p.getDouble(0, 0));
    assertEquals(1.0, p.getDouble(0, 1));
    assertTrue(loaded.problems().stream().noneMatch(pr -> pr.jar().endsWith("a-good.jar")), loaded.problems()::toString);
  }

  @Test
  void builtins_still_load_next_to_the_jars() {
    PluginEntry adam = loaded.registry().entry(PluginKind.OPTIMIZER, "adam");
    assertEquals("dev.descent.builtin.optimizer.AdamProvider", adam.providerClass());
  }

  @Test
  void a_provider_without_a_public_no_arg_constructor_is_named() {
    String m = problemOf("b-no-noarg.jar");
    assertTrue(m.contains("provider noarg.Provider has no public no-arg constructor"), m);
  }

  @Test
  void an_exception_in_the_constructor_is_unwrapped_to_its_root_cause() {
    String m = problemOf("c-throwing-ctor.jar");
    assertTrue(m.contains("ctor.Provider") && m.contains("constructor") && m.contains("IllegalStateException: ctor boom"), m);
  }

  @Test
  void an_exception_in_the_static_initializer_is_unwrapped_to_its_root_cause() {
    String m = problemOf("d-throwing-static.jar");
    assertTrue(m.contains("stat.Provider") && m.contains("static initializer") && m.contains("IllegalStateException: static boom"), m);
  }

  @Test
  void a_name_clash_with_a_builtin_names_both_and_keeps_the_builtin() {
    String m = problemOf("e-dup-builtin.jar");
    assertTrue(m.contains("'adam'") && m.contains("dupb.Provider") && m.contains("AdamProvider") && m.contains("rejected"), m);
    assertEquals("dev.descent.builtin.optimizer.AdamProvider", loaded.registry().entry(PluginKind.OPTIMIZER, "adam").providerClass());
  }

  @Test
  void a_name_clash_between_jars_names_both_jars_and_keeps_the_first() {
    String m = problemOf("i-dup-jar.jar");
    assertTrue(m.contains("'test_good'") && m.contains("a-good.jar") && m.contains("dupj.Provider"), m);
    assertEquals("good.Provider", loaded.registry().entry(PluginKind.OPTIMIZER, "test_good").providerClass());
  }

  @Test
  void a_name_breaking_the_rules_is_rejected_with_the_rule() {
    String m = problemOf("f-bad-name.jar");
    assertTrue(m.contains("'Bad-Name'") && m.contains("lowercase letters"), m);
  }

  @Test
  void a_jar_built_for_another_spi_major_is_rejected_naming_both_versions() {
    String m = problemOf("g-old-spi.jar");
    assertTrue(m.contains("SPI version 0") && m.contains("SPI version 1"), m);
    assertFalse(loaded.registry().has(PluginKind.OPTIMIZER, "test_old_spi"));
  }

  @Test
  void a_jar_without_the_spi_attribute_loads_with_a_warning() {
    String m = problemOf("h-no-spi-attribute.jar");
    assertTrue(m.contains("Descent-SPI-Version"), m);
    assertTrue(loaded.registry().has(PluginKind.OPTIMIZER, "test_no_spi"));
    assertFalse(loaded.problems().stream().filter(p -> p.jar().endsWith("h-no-spi-attribute.jar")).findFirst().orElseThrow().rejected());
  }

  @Test
  void a_file_that_is_not_a_jar_is_named() {
    String m = problemOf("j-not-a-jar.jar");
    assertTrue(m.contains("not a readable jar"), m);
  }

  @Test
  void every_rejected_plugin_is_left_out_and_the_rest_are_in() {
    for (String name : List.of("test_noarg", "test_ctor", "test_static")) {
      assertFalse(loaded.registry().has(PluginKind.OPTIMIZER, name), name);
    }
    assertNotNull(loaded.registry().entry(PluginKind.OPTIMIZER, "test_good"));
    assertEquals(9, loaded.problems().size(), loaded.problems()::toString);
  }

  @Test
  void a_missing_directory_means_only_the_builtins() {
    LoadedPlugins none = PluginJars.load(dir.resolve("nowhere"), PluginJarsTest.class.getClassLoader());
    assertTrue(none.problems().isEmpty());
    assertTrue(none.registry().has(PluginKind.OPTIMIZER, "adam"));
  }
}
