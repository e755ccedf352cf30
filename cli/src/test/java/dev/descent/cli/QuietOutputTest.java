package dev.descent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every command says only what matters: no library logs at INFO on stderr unless {@code --verbose} is
 * given. Each command runs in its own JVM (as a user runs it), because logging is configured once per
 * process, before the first library logs.
 */
class QuietOutputTest {
  /** slf4j-simple's line shape: {@code [thread] INFO logger.Name - message}, for a logger outside descent. */
  private static final Pattern LIBRARY_INFO = Pattern.compile("(?m)^\\[[^]]+] INFO (?!dev\\.descent\\.)\\S+ - ");

  @TempDir
  Path dir;

  @Test
  void version_prints_no_library_info_lines() throws Exception {
    Result r = descent("--version");
    assertEquals(0, r.exit, r.err);
    assertTrue(r.out.contains("ND4J cpu backend"), "the backend facts are still on stdout: " + r.out);
    assertFalse(LIBRARY_INFO.matcher(r.err).find(), "library INFO on stderr:\n" + r.err);
  }

  @Test
  void verbose_shows_the_libraries_start_up_again() throws Exception {
    Result r = descent("--verbose", "--version");
    assertEquals(0, r.exit, r.err);
    assertTrue(r.err.contains("INFO org.nd4j"), "--verbose should show ND4J's start-up:\n" + r.err);
    assertTrue(descent("-v", "--version").err.contains("INFO org.nd4j"), "-v is the short form");
  }

  @Test
  void plugins_list_prints_no_library_info_lines() throws Exception {
    Result r = descent("plugins", "list", "--store", dir.resolve("store").toString());
    assertEquals(0, r.exit, r.err);
    assertTrue(r.out.contains("adam"), r.out);
    assertFalse(LIBRARY_INFO.matcher(r.err).find(), "library INFO on stderr:\n" + r.err);
  }

  @Test
  void a_run_prints_no_library_info_lines() throws Exception {
    Path file = Path.of("..", "experiments", "quickstart.yaml").toAbsolutePath().normalize();
    Result r = descent("run", file.toString(), "--store", dir.resolve("store").toString());
    assertEquals(0, r.exit, r.err);
    assertTrue(r.out.contains("finished"), r.out);
    assertFalse(LIBRARY_INFO.matcher(r.err).find(), "library INFO on stderr:\n" + r.err);
  }

  @Test
  void serve_prints_no_library_info_lines() throws Exception {
    Path file = Path.of("..", "experiments", "quickstart.yaml").toAbsolutePath().normalize();
    String store = dir.resolve("store").toString();
    assertEquals(0, descent("run", file.toString(), "--store", store).exit);
    Process p = start("serve", "--port", "0", "--store", store);
    try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      do {
        line = out.readLine();
      } while (line != null && !line.startsWith("Serving "));
      assertTrue(line != null, "serve never said where it serves");
    } finally {
      p.destroy();
      assertTrue(p.waitFor(30, TimeUnit.SECONDS));
    }
    String err = Files.readString(dir.resolve("err.txt"));
    assertFalse(LIBRARY_INFO.matcher(err).find(), "library INFO on stderr:\n" + err);
  }

  private record Result(int exit, String out, String err) {}

  private Result descent(String... args) throws Exception {
    Process p = start(args);
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "descent " + String.join(" ", args) + " did not end");
    return new Result(p.exitValue(), out, Files.readString(dir.resolve("err.txt")));
  }

  private Process start(String... args) throws Exception {
    // relaunched as a user's command is (Main picks the BLAS kernels), so the child JVM's logging is checked too
    return CliProcess.descent(args).env("DESCENT_RELAUNCHED", null).errors(dir.resolve("err.txt")).start();
  }
}
