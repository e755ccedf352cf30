package dev.descent.core.experiment;

import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.descent.core.TestExperiments;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Every file in experiments/ must parse: they are what users copy first. */
class CommittedExperimentsTest {

  @TestFactory
  Stream<DynamicTest> every_committed_experiment_file_is_valid() throws IOException {
    Path dir = Path.of("..", "experiments");
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
    }
    assertFalse(files.isEmpty(), "no experiment files under " + dir.toAbsolutePath());
    return files.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(),
        () -> new ExperimentParser(TestExperiments.PLUGINS).parse(f)));
  }
}
