package dev.descent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.descent.core.Json;
import dev.descent.core.plugin.TestJars;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line with a plugin directory: jar plugins are listed with version, jar and hash,
 * bad jars are reported without stopping anything, {@code plugins verify} grades a jar, and a run
 * that uses a jar plugin records the jar's version and SHA-256.
 */
class PluginJarCommandsTest {
  @TempDir
  static Path tmp;

  static Path plugins;
  static Path good;
  static Path bad;
  static Path cheat;

  @BeforeAll
  static void buildJars() throws Exception {
    plugins = Files.createDirectories(tmp.resolve("plugins"));
    good = TestJars.optimizerJar(plugins.resolve("good.jar"), "good",
        TestJars.optimizer("good", "test_good", ""), "2.3.4", "1");
    bad = TestJars.optimizerJar(plugins.resolve("throwing.jar"), "boom",
        TestJars.optimizer("boom", "test_boom", "public Provider() { throw new IllegalStateException(\"ctor boom\"); }"),
        "1.0", "1");
    Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
    cheat = TestJars.optimizerJar(elsewhere.resolve("cheat.jar"), "cheat",
        TestJars.optimizer("cheat", "test_cheat", "", "g.muli(lr); param.subi(g);"), "0.1", "1");
  }

  private static String sha256(Path file) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
  }

  @Test
  void plugins_list_shows_a_jar_plugin_with_its_version_jar_and_hash() throws Exception {
    CliRunner r = CliRunner.run("--plugins", plugins.toString(), "plugins", "list", "--json");
    assertEquals(0, r.exitCode(), r.err());
    JsonNode found = null;
    for (JsonNode p : Json.mapper().readTree(r.out())) {
      if (p.get("name").asText().equals("test_good")) {
        found = p;
      }
    }
    assertEquals("2.3.4", found.get("version").asText());
    assertEquals(good.toAbsolutePath().normalize().toString(), found.get("source").asText());
    assertEquals(sha256(good), found.get("sha256").asText());
    assertTrue(r.err().contains("warning: plugin " + bad.toAbsolutePath().normalize()) && r.err().contains("ctor boom"), r.err());
  }

  @Test
  void plugins_list_and_problems_report_the_bad_jar_and_keep_the_good_one() throws Exception {
    CliRunner text = CliRunner.run("--plugins=" + plugins, "plugins", "list");
    assertEquals(0, text.exitCode(), text.err());
    assertTrue(text.out().contains("test_good") && text.out().contains("problems (1)")
        && text.out().contains("throwing.jar"), text.out());
    CliRunner problems = CliRunner.run("--plugins", plugins.toString(), "plugins", "problems", "--json");
    assertEquals(1, problems.exitCode(), problems.err());
    JsonNode rows = Json.mapper().readTree(problems.out());
    assertEquals(1, rows.size());
    assertTrue(rows.get(0).get("message").asText().contains("threw in its constructor"), rows.toString());
  }

  @Test
  void verify_passes_a_good_jar_and_compares_it_with_adam_and_sgd() {
    CliRunner r = CliRunner.run("plugins", "verify", good.toString(), "--steps", "50", "--epochs", "1");
    assertEquals(0, r.exitCode(), r.out() + r.err());
    assertTrue(r.out().contains("PASS  descends_on_a_convex_quadratic"), r.out());
    assertTrue(r.out().contains("PASS  updates_views_like_separate_arrays_and_touches_nothing_else"), r.out());
    assertTrue(r.out().contains("15 of 15 checks passed"), r.out());
    assertTrue(r.out().contains("rosenbrock") && r.out().contains("adam") && r.out().contains("sgd"), r.out());
    assertTrue(r.out().contains("test accuracy") && r.out().contains("verify: all checks passed"), r.out());
  }

  @Test
  void verify_fails_a_plugin_that_modifies_the_gradient() {
    CliRunner r = CliRunner.run("plugins", "verify", cheat.toString(), "--epochs", "0");
    assertEquals(1, r.exitCode(), r.out() + r.err());
    assertTrue(r.out().contains("FAIL  step_does_not_modify_the_gradient"), r.out());
  }

  @Test
  void verify_refuses_a_jar_whose_plugin_cannot_be_created() {
    CliRunner r = CliRunner.run("plugins", "verify", bad.toString());
    assertEquals(2, r.exitCode(), r.out() + r.err());
    assertTrue(r.out().contains("ctor boom") && r.out().contains("bad jar"), r.out());
    assertEquals(2, CliRunner.run("plugins", "verify", tmp.resolve("missing.jar").toString()).exitCode());
  }

  @Test
  void a_run_with_a_jar_plugin_records_the_jar_version_and_hash() throws Exception {
    Path exp = tmp.resolve("exp.yaml");
    Files.writeString(exp, String.join("\n",
        "name: jar-plugin-run",
        "dataset: {name: moons, samples: 200, test_samples: 100, noise: 0.1, validation_split: 0.2}",
        "model:",
        "  layers:",
        "    - {type: dense, units: 8, activation: relu}",
        "    - {type: dense, units: 2, activation: softmax}",
        "  loss: softmax_cross_entropy",
        "training:",
        "  optimizer: {name: test_good, learning_rate: 0.1}",
        "  batch_size: 32",
        "  epochs: 1",
        "  seed: 1",
        ""));
    String store = tmp.resolve("store").toString();
    CliRunner run = CliRunner.run("--plugins", plugins.toString(), "run", exp.toString(), "--store", store, "--json");
    assertEquals(0, run.exitCode(), run.out() + run.err());
    String id = Json.mapper().readTree(run.out()).get("id").asText();
    CliRunner show = CliRunner.run("runs", "show", id, "--store", store);
    assertEquals(0, show.exitCode(), show.err());
    JsonNode optimizer = null;
    for (JsonNode p : Json.mapper().readTree(show.out()).get("provenance").get("plugins")) {
      if (p.get("kind").asText().equals("optimizer")) {
        optimizer = p;
      }
    }
    assertEquals("test_good", optimizer.get("name").asText());
    assertEquals("2.3.4", optimizer.get("version").asText());
    assertEquals(good.toAbsolutePath().normalize().toString(), optimizer.get("jar").asText());
    assertEquals(sha256(good), optimizer.get("sha256").asText());
  }

  @Test
  void a_missing_plugin_directory_is_a_warning_and_a_missing_value_bad_usage() {
    CliRunner missing = CliRunner.run("--plugins", tmp.resolve("nowhere").toString(), "plugins", "list", "--json");
    assertEquals(0, missing.exitCode(), missing.err());
    assertTrue(missing.err().contains("nowhere does not exist"), missing.err());
    CliRunner noValue = CliRunner.run("plugins", "list", "--plugins");
    assertEquals(2, noValue.exitCode(), noValue.err());
    assertTrue(noValue.err().contains("--plugins needs a directory"), noValue.err());
  }
}
