package dev.descent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ways {@code descent serve} refuses to start; serving itself is the web module's tests. */
class ServeCommandTest {
  @TempDir
  Path dir;

  @Test
  void a_port_out_of_range_is_bad_usage_naming_the_range() {
    CliRunner r = CliRunner.run("serve", "--store", dir.toString(), "--port", "99999");
    assertEquals(2, r.exitCode());
    assertTrue(r.err().contains("--port: was 99999, must be 0 to 65535"), r.err());
  }

  @Test
  void a_busy_port_says_so_once_and_what_to_do() throws Exception {
    dev.descent.core.store.RunStores.open(dir.toString(), java.time.Clock.systemUTC()).close(); // serve needs a store
    try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      CliRunner r = CliRunner.run("serve", "--store", dir.toString(), "--port", String.valueOf(busy.getLocalPort()));
      assertEquals(2, r.exitCode());
      assertTrue(r.err().contains("Cannot serve on 127.0.0.1:" + busy.getLocalPort()), r.err());
      assertTrue(r.err().contains("--port 0 for any free one"), r.err());
    }
  }
}
