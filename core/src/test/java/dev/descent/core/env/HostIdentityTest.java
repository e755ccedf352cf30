package dev.descent.core.env;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HostIdentityTest {
  @Test
  void descent_host_id_names_the_machine_when_set() {
    HostIdentity h = HostIdentity.of(Map.of("DESCENT_HOST_ID", "node-7", "HOSTNAME", "n7"));
    assertEquals(new HostIdentity("n7", "node-7"), h);
  }

  @Test
  void otherwise_the_machine_is_the_machine_id_or_boot_id_within_this_pid_namespace() throws Exception {
    HostIdentity h = HostIdentity.of(Map.of());
    assertFalse(h.host().isBlank());
    Path machineId = Path.of("/etc/machine-id");
    Path bootId = Path.of("/proc/sys/kernel/random/boot_id");
    String expected = Files.isReadable(machineId) && !Files.readString(machineId).isBlank()
        ? Files.readString(machineId).strip() : Files.readString(bootId).strip();
    assertTrue(h.machine().startsWith(expected), h.machine());
    assertTrue(h.machine().endsWith(Files.readSymbolicLink(Path.of("/proc/self/ns/pid")).toString()), h.machine());
  }
}
