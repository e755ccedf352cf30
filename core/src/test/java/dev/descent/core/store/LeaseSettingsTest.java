package dev.descent.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.core.DescentException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LeaseSettingsTest {
  @Test
  void defaults_are_a_30_second_lease_renewed_every_5_seconds() {
    LeaseSettings s = LeaseSettings.of(Map.of(), null, null);
    assertEquals(Duration.ofSeconds(30), s.lease());
    assertEquals(Duration.ofSeconds(5), s.heartbeat());
  }

  @Test
  void flags_beat_the_environment_which_beats_the_defaults() {
    Map<String, String> env = Map.of("DESCENT_LEASE_SECONDS", "12", "DESCENT_HEARTBEAT_SECONDS", "0.5");
    assertEquals(new LeaseSettings(Duration.ofSeconds(12), Duration.ofMillis(500)), LeaseSettings.of(env, null, null));
    assertEquals(new LeaseSettings(Duration.ofSeconds(60), Duration.ofMillis(500)),
        LeaseSettings.of(env, Duration.ofSeconds(60), null));
  }

  @Test
  void a_lease_shorter_than_three_heartbeats_is_refused_with_the_fix() {
    DescentException e = assertThrows(DescentException.class,
        () -> LeaseSettings.of(Map.of(), Duration.ofSeconds(10), Duration.ofSeconds(5)));
    assertTrue(e.getMessage().contains("at least 3 heartbeats"), e.getMessage());
    assertThrows(DescentException.class, () -> LeaseSettings.of(Map.of("DESCENT_LEASE_SECONDS", "soon"), null, null));
  }
}
