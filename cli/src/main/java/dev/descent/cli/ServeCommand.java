package dev.descent.cli;

import dev.descent.core.DescentException;
import dev.descent.core.ErrorCode;
import dev.descent.core.tracking.Workspace;
import dev.descent.web.WebServer;
import java.io.PrintWriter;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code descent serve}: the dashboard and JSON API over a store, until Ctrl-C. It only reads the store and
 * writes tags and notes, so it can run beside a {@code descent run} or sweep writing to the same store.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
    description = "Serve the web dashboard and JSON API (docs/api.md) until Ctrl-C.")
public final class ServeCommand implements Callable<Integer> {
  @Mixin
  StoreOptions storeOptions;

  @Option(names = "--port", defaultValue = "7070", description = "port (default: ${DEFAULT-VALUE}; 0 picks a free one)")
  int port;

  @Option(names = "--host", defaultValue = "127.0.0.1",
      description = "address to bind (default: ${DEFAULT-VALUE}); any other than loopback makes edits need a token")
  String host;

  @Option(names = "--token", description = "token edits must send as 'Authorization: Bearer TOKEN'; "
      + "generated and printed once when --host is not loopback and none is given")
  String token;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws InterruptedException {
    if (port < 0 || port > 65535) {
      throw new DescentException(ErrorCode.INVALID_INPUT, "--port: was " + port + ", must be 0 to 65535");
    }
    PrintWriter out = spec.commandLine().getOut();
    String effectiveToken = token;
    if (!WebServer.isLoopback(host) && (token == null || token.isBlank())) {
      effectiveToken = newToken();
      out.println("Edits (tags, notes) need this token, shown only now: " + effectiveToken);
    }
    Workspace ws = storeOptions.open();
    WebServer server;
    try {
      server = new WebServer(ws, host, port, effectiveToken).start();
    } catch (RuntimeException e) {
      ws.close();
      String cause = String.valueOf(e.getMessage()).replaceAll("[.\\s]+$", "");
      throw new DescentException(ErrorCode.INVALID_INPUT, "Cannot serve on " + host + ":" + port + ": " + cause
          + ". Choose another --port, or --port 0 for any free one.", e);
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        server.close();
        ws.close();
      } finally {
        stopped.countDown();
      }
    }, "descent-serve-shutdown"));
    out.println("Serving " + ws.location() + " at " + server.url() + "/"
        + (effectiveToken != null ? "#token=" + effectiveToken : "") + "  (Ctrl-C to stop)");
    out.flush();
    stopped.await();
    return 0;
  }

  /** 32 random bytes, URL-safe base64: unguessable and fine in a URL fragment or a header. */
  static String newToken() {
    byte[] bytes = new byte[32];
    new SecureRandom().nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
