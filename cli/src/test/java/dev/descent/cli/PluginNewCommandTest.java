package dev.descent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.spi.SpiVersion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code descent plugins new optimizer NAME}: the project it writes (the whole path, build, verify and
 * sweep, is run by .ci/plugin-example.sh) and the inputs it refuses.
 */
class PluginNewCommandTest {
  @TempDir
  Path tmp;

  @Test
  void writes_a_complete_optimizer_project_for_this_descent_version() throws Exception {
    Path dir = tmp.resolve("proj");
    CliRunner r = CliRunner.run("plugins", "new", "optimizer", "heavy_ball", "--package", "org.acme.hb", "--dir", dir.toString());
    assertEquals(0, r.exitCode(), r.out() + r.err());
    assertTrue(r.out().contains("mvn package") && r.out().contains("descent plugins verify target/descent-heavy-ball-optimizer-0.1.0.jar"),
        r.out());
    List<String> files;
    try (Stream<Path> s = Files.walk(dir)) {
      files = s.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString()).sorted().toList();
    }
    assertEquals(List.of(".gitignore", "README.md", "heavy_ball-vs-adam.yaml", "pom.xml",
        "src/main/java/org/acme/hb/HeavyBall.java",
        "src/main/java/org/acme/hb/HeavyBallProvider.java",
        "src/main/resources/META-INF/services/dev.descent.spi.OptimizerProvider",
        "src/test/java/org/acme/hb/HeavyBallContractTest.java",
        "src/test/java/org/acme/hb/HeavyBallTraceTest.java",
        "src/test/resources/reference/heavy_ball.json",
        "src/test/resources/reference/make_reference.py",
        "src/test/resources/simplelogger.properties"), files);
    javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(dir.resolve("pom.xml").toFile());
    String pom = Files.readString(dir.resolve("pom.xml"));
    assertTrue(pom.contains("<descent.version>" + SpiVersion.descentVersion() + "</descent.version>"), pom);
    assertTrue(pom.contains("<descent.spi.major>" + SpiVersion.MAJOR + "</descent.spi.major>"), pom);
    assertTrue(pom.contains("<artifactId>descent-heavy-ball-optimizer</artifactId>"), pom);
    assertEquals("org.acme.hb.HeavyBallProvider\n",
        Files.readString(dir.resolve("src/main/resources/META-INF/services/dev.descent.spi.OptimizerProvider")));
    String provider = Files.readString(dir.resolve("src/main/java/org/acme/hb/HeavyBallProvider.java"));
    assertTrue(provider.startsWith("package org.acme.hb;") && provider.contains("return \"heavy_ball\";"), provider);
    assertTrue(Files.readString(dir.resolve("src/test/java/org/acme/hb/HeavyBallTraceTest.java"))
        .contains("\"/reference/heavy_ball.json\""));
    assertTrue(Files.readString(dir.resolve("src/test/resources/reference/make_reference.py"))
        .contains("open(\"heavy_ball.json\", \"w\")"));
    assertTrue(Files.readString(dir.resolve("heavy_ball-vs-adam.yaml")).contains("optimizer: [heavy_ball, adam]"));
    for (String f : files) {
      String text = Files.readString(dir.resolve(f));
      assertFalse(text.contains("{{"), () -> f + " has an unfilled placeholder");
    }
  }

  @Test
  void defaults_the_package_from_the_name() throws Exception {
    Path dir = tmp.resolve("adamax");
    CliRunner r = CliRunner.run("plugins", "new", "optimizer", "adamax", "--dir", dir.toString());
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().contains("(com.example.adamax.Adamax)"), r.out());
    assertTrue(Files.readString(dir.resolve("src/main/java/com/example/adamax/Adamax.java")).startsWith("package com.example.adamax;"));
  }

  @Test
  void refuses_bad_names_kinds_taken_names_and_a_non_empty_directory() throws Exception {
    assertEquals(2, CliRunner.run("plugins", "new", "optimizer", "Adamax", "--dir", tmp.resolve("a").toString()).exitCode());
    CliRunner kind = CliRunner.run("plugins", "new", "activation", "swish", "--dir", tmp.resolve("b").toString());
    assertEquals(2, kind.exitCode());
    assertTrue(kind.err().contains("only 'optimizer'"), kind.err());
    CliRunner taken = CliRunner.run("plugins", "new", "optimizer", "adam", "--dir", tmp.resolve("c").toString());
    assertEquals(2, taken.exitCode());
    assertTrue(taken.err().contains("already an optimizer"), taken.err());
    CliRunner pkg = CliRunner.run("plugins", "new", "optimizer", "adamax", "--package", "com.new.x", "--dir", tmp.resolve("d").toString());
    assertEquals(2, pkg.exitCode());
    Path full = Files.createDirectories(tmp.resolve("full"));
    Files.writeString(full.resolve("keep.txt"), "mine");
    CliRunner busy = CliRunner.run("plugins", "new", "optimizer", "adamax", "--dir", full.toString());
    assertEquals(2, busy.exitCode());
    assertTrue(busy.err().contains("is not empty"), busy.err());
    assertEquals(List.of("keep.txt"), Files.list(full).map(p -> p.getFileName().toString()).toList());
  }
}
