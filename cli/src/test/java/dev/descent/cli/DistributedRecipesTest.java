package dev.descent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The launch recipes of docs/distributed.md that cannot run here (no Slurm, no Kubernetes, no Docker
 * engine), checked as far as they can be: the scripts parse as bash, the manifest as YAML with the fields
 * the workers depend on, the Dockerfile copies files the build makes or the repository has, and the doc
 * links every one of them.
 */
class DistributedRecipesTest {
  private static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();
  private static final Path RECIPES = ROOT.resolve("docs/distributed");

  @Test
  void the_scripts_parse_as_bash() throws Exception {
    for (String script : List.of("slurm-array.sh", "shell-loop.sh")) {
      Process p = new ProcessBuilder("bash", "-n", RECIPES.resolve(script).toString()).redirectErrorStream(true).start();
      assertTrue(p.waitFor(30, TimeUnit.SECONDS));
      assertEquals(0, p.exitValue(), script + ": " + new String(p.getInputStream().readAllBytes()));
    }
  }

  @Test
  void the_slurm_script_runs_workers_against_the_store_with_their_own_identity() throws Exception {
    String script = Files.readString(RECIPES.resolve("slurm-array.sh"));
    assertTrue(script.contains("#SBATCH --signal=TERM@"), "asks for SIGTERM before the time limit");
    assertTrue(script.contains("DESCENT_HOST_ID=\"slurm-${SLURM_ARRAY_JOB_ID"), "one identity per array task");
    assertTrue(script.contains("exec \"$DESCENT_HOME/bin/java-blas\""), "exec, so SIGTERM reaches java");
    assertTrue(script.contains("worker --store \"$DESCENT_STORE\""));
  }

  @Test
  @SuppressWarnings("unchecked")
  void the_kubernetes_manifest_is_an_indexed_job_of_workers_with_store_plugins_and_identity() throws Exception {
    Map<String, Object> job = new Yaml().load(Files.readString(RECIPES.resolve("k8s-indexed-job.yaml")));
    assertEquals("batch/v1", job.get("apiVersion"));
    assertEquals("Job", job.get("kind"));
    Map<String, Object> spec = (Map<String, Object>) job.get("spec");
    assertEquals("Indexed", spec.get("completionMode"));
    Map<String, Object> pod = (Map<String, Object>) ((Map<String, Object>) spec.get("template")).get("spec");
    assertTrue(((Number) pod.get("terminationGracePeriodSeconds")).intValue() >= 30, "time to record stopped cells");
    Map<String, Object> container = ((List<Map<String, Object>>) pod.get("containers")).get(0);
    assertEquals("worker", ((List<String>) container.get("args")).get(0));
    List<String> env = new ArrayList<>();
    ((List<Map<String, Object>>) container.get("env")).forEach(e -> env.add((String) e.get("name")));
    assertTrue(env.containsAll(List.of("DESCENT_STORE", "DESCENT_PLUGINS", "DESCENT_HOST_ID")), env.toString());
  }

  @Test
  void the_dockerfile_copies_files_that_exist_and_starts_the_worker_through_java_blas() throws Exception {
    List<String> lines = Files.readAllLines(RECIPES.resolve("Dockerfile"));
    assertTrue(lines.stream().anyMatch(l -> l.matches("FROM eclipse-temurin:17-.*")), "a Temurin JDK 17 base");
    List<String> copied = lines.stream().filter(l -> l.startsWith("COPY ")).map(l -> l.split("\\s+")[1]).toList();
    assertEquals(List.of("cli/target/descent.jar", "bin/java-blas"), copied);
    assertTrue(Files.isExecutable(ROOT.resolve("bin/java-blas")));
    // descent.jar is what `mvn package -pl cli` makes: the cli module's pom names it so
    assertTrue(Files.readString(ROOT.resolve("cli/pom.xml")).contains("<finalName>descent</finalName>"));
    assertTrue(String.join("\n", lines).contains("ENTRYPOINT [\"/opt/descent/bin/java-blas\""));
  }

  @Test
  void the_guide_links_every_recipe_under_its_heading() throws Exception {
    String doc = Files.readString(ROOT.resolve("docs/distributed.md"));
    int heading = doc.indexOf("## Slurm, Kubernetes");
    assertTrue(heading >= 0 && heading < doc.indexOf("## Measured"), "the section comes before ## Measured");
    for (String file : List.of("slurm-array.sh", "k8s-indexed-job.yaml", "Dockerfile")) {
      assertTrue(doc.indexOf("(distributed/" + file + ")", heading) > 0, file + " linked");
    }
  }
}
