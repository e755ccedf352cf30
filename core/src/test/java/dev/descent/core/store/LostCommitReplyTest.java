package dev.descent.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.core.train.RunStatus;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A worker whose connection drops after PostgreSQL committed its write but before the reply arrived runs the
 * write again on a new connection ({@link Database}); it must then recognise its own committed claim or end
 * rather than record it twice or take it for another owner's. A proxy between the store and the server
 * swallows the reply to one COMMIT and cuts the connection, as a network failure at that moment would.
 */
class LostCommitReplyTest {
  private static final Instant T0 = Instant.parse("2026-11-30T10:00:00Z");
  private static final LeaseOwner ELSEWHERE = new LeaseOwner("host-a", "machine-a", 11, T0.minusSeconds(60));

  private String schema;
  private CommitReplyDropper proxy;
  private RunStore store;

  @BeforeEach
  void open() throws Exception {
    PostgresRunStoreTest.requireServer();
    schema = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
    raw("CREATE SCHEMA " + schema);
    URI server = URI.create(PostgresRunStoreTest.URL.replace("postgresql://", "http://"));
    proxy = new CommitReplyDropper(server.getHost(), server.getPort());
    String viaProxy = PostgresRunStoreTest.URL.replace(server.getHost() + ":" + server.getPort(),
        "127.0.0.1:" + proxy.port()) + "&sslmode=disable&currentSchema=" + schema;
    store = RunStores.open(viaProxy, new TestClock(T0));
  }

  @AfterEach
  void close() throws Exception {
    if (store != null) {
      store.close();
    }
    if (proxy != null) {
      proxy.close();
    }
    if (schema != null) {
      raw("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }
  }

  @Test
  void a_claim_whose_commit_reply_was_lost_is_granted_once_with_the_committed_token() {
    store.enqueue(new NewRun("c1", "lost", "s1", Map.of(), Map.of(), Map.of(), Set.of(), T0));
    proxy.dropNextCommitReply();
    Claim claim = store.claim("c1", ELSEWHERE, T0, Duration.ofSeconds(30));
    assertEquals(1, proxy.dropped(), "the reply to the claim's COMMIT was lost");
    assertEquals(Claim.Kind.GRANTED, claim.kind(), "its own committed claim, not another owner's");
    Lease held = store.lease("c1").orElseThrow();
    assertEquals(held.token(), claim.lease().token());
    assertTrue(store.logMetrics("c1", claim.lease().token(), List.of(new MetricPoint("loss", 1, 0.5)), T0));
    assertTrue(store.finish("c1", claim.lease().token(), RunStatus.FINISHED, Map.of(), null, null, T0.plusSeconds(1)));
    assertEquals(RunStatus.FINISHED, store.get("c1").orElseThrow().status());
  }

  @Test
  void an_end_whose_commit_reply_was_lost_is_recorded_once_and_reported_done() {
    store.enqueue(new NewRun("c1", "lost", "s1", Map.of(), Map.of(), Map.of(), Set.of(), T0));
    long token = store.claim("c1", ELSEWHERE, T0, Duration.ofSeconds(30)).lease().token();
    assertTrue(store.logMetrics("c1", token, List.of(new MetricPoint("loss", 1, 0.5)), T0));
    proxy.dropNextCommitReply();
    assertTrue(store.finish("c1", token, RunStatus.FINISHED, Map.of("test_loss", 0.4), null, null, T0.plusSeconds(1)),
        "the end committed, so it is reported done, not refused as if the claim were lost");
    assertEquals(1, proxy.dropped());
    assertEquals(RunStatus.FINISHED, store.get("c1").orElseThrow().status());
    assertEquals(Map.of("test_loss", 0.4), store.get("c1").orElseThrow().test());
    assertEquals(Claim.Kind.ENDED, store.claim("c1", ELSEWHERE, T0.plusSeconds(2), Duration.ofSeconds(30)).kind());
  }

  @Test
  void an_epoch_whose_commit_reply_was_lost_is_kept_once() {
    store.enqueue(new NewRun("c1", "lost", "s1", Map.of(), Map.of(), Map.of(), Set.of(), T0));
    long token = store.claim("c1", ELSEWHERE, T0, Duration.ofSeconds(30)).lease().token();
    proxy.dropNextCommitReply();
    assertTrue(store.logMetrics("c1", token, List.of(new MetricPoint("loss", 1, 0.5)), T0));
    assertEquals(1, proxy.dropped());
    assertEquals(List.of(new MetricPoint("loss", 1, 0.5)), store.metrics("c1", List.of()));
    assertEquals(new MetricSummary(0.5, 0.5, 0.5, 1, 1), store.get("c1").orElseThrow().summaries().get("loss"));
  }

  private static void raw(String sql) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:" + PostgresRunStoreTest.URL); Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  /**
   * Relays PostgreSQL's protocol (without TLS) and, when armed, swallows the server's next
   * {@code CommandComplete "COMMIT"} and cuts that connection: the server has committed, the client never hears.
   */
  static final class CommitReplyDropper implements AutoCloseable {
    private final ServerSocket listener;
    private final String host;
    private final int serverPort;
    private final AtomicBoolean armed = new AtomicBoolean();
    private final AtomicInteger dropped = new AtomicInteger();

    CommitReplyDropper(String host, int serverPort) throws IOException {
      this.host = host;
      this.serverPort = serverPort;
      this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
      Thread accept = new Thread(this::accept, "proxy-accept");
      accept.setDaemon(true);
      accept.start();
    }

    int port() {
      return listener.getLocalPort();
    }

    void dropNextCommitReply() {
      armed.set(true);
    }

    int dropped() {
      return dropped.get();
    }

    private void accept() {
      while (!listener.isClosed()) {
        try {
          Socket client = listener.accept();
          Socket server = new Socket(host, serverPort);
          start(() -> pipe(client, server), "proxy-up");
          start(() -> replies(server, client), "proxy-down");
        } catch (IOException e) {
          return;
        }
      }
    }

    private static void start(Runnable r, String name) {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      t.start();
    }

    private static void pipe(Socket from, Socket to) {
      try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
        in.transferTo(out);
      } catch (IOException e) {
        // the other side closed
      } finally {
        closeBoth(from, to);
      }
    }

    /** Server to client, message by message (type byte, length, body): each is relayed whole or not at all. */
    private void replies(Socket server, Socket client) {
      try (DataInputStream in = new DataInputStream(server.getInputStream());
          OutputStream out = client.getOutputStream()) {
        while (true) {
          int type = in.read();
          if (type < 0) {
            return;
          }
          int length = in.readInt();
          byte[] body = new byte[length - 4];
          in.readFully(body);
          if (type == 'C' && new String(body, StandardCharsets.US_ASCII).startsWith("COMMIT")
              && armed.compareAndSet(true, false)) {
            dropped.incrementAndGet();
            return; // cut before the reply: closes both sockets below
          }
          out.write(type);
          out.write(new byte[] {(byte) (length >>> 24), (byte) (length >>> 16), (byte) (length >>> 8), (byte) length});
          out.write(body);
          if (type == 'Z') { // ReadyForQuery ends each reply
            out.flush();
          }
        }
      } catch (IOException e) {
        // the other side closed
      } finally {
        closeBoth(server, client);
      }
    }

    private static void closeBoth(Socket a, Socket b) {
      try {
        a.close();
      } catch (IOException e) {
        // closing anyway
      }
      try {
        b.close();
      } catch (IOException e) {
        // closing anyway
      }
    }

    @Override
    public void close() throws IOException {
      listener.close();
    }
  }
}
