package dev.descent.cli;

import dev.descent.core.DescentException;
import dev.descent.core.ErrorCode;
import dev.descent.core.tracking.Workspace;
import dev.descent.web.WebServer;
import java.io.PrintWriter;
import java.net.BindException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
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

  @Option(names = "--allowed-hosts", split = ",", paramLabel = "NAME",
      description = "further Host names the server answers to, comma-separated (e.g. this machine's DNS name when "
          + "--host is 0.0.0.0); any other Host is refused with 403, which stops DNS rebinding")
  List<String> allowedHosts = new ArrayList<>();

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
    resolvable(host);
    PrintWriter out = spec.commandLine().getOut();
    String effectiveToken = token;
    if (!WebServer.isLoopback(host) && (token == null || token.isBlank())) {
      effectiveToken = newToken();
    }
    Workspace ws = storeOptions.open();
    WebServer server;
    try {
      server = new WebServer(ws, host, port, effectiveToken, allowedHosts).start();
    } catch (RuntimeException e) {
      ws.close();
      throw bindFailure(e);
    }
    if (effectiveToken != null && !effectiveToken.equals(token)) {
      out.println("Edits (tags, notes) need this token, shown only now: " + effectiveToken);
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

  /** INVALID_INPUT unless {@code host} names an address (a typo'd name must not read as "port in use"). */
  static void resolvable(String host) {
    try {
      InetAddress.getByName(host);
    } catch (UnknownHostException e) {
      throw new DescentException(ErrorCode.INVALID_INPUT, "--host: cannot resolve '" + host + "' to an address; "
          + "give an address of this machine such as 127.0.0.1 (the default) or 0.0.0.0 for every interface", e);
    }
  }

  /**
   * Why the server could not start, from the real cause: Javalin reports every bind failure as "Port already in
   * use", also an address this machine does not have.
   */
  private DescentException bindFailure(RuntimeException e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String cause = String.valueOf(root.getMessage()).replaceAll("[.\\s]+$", "");
    if (root instanceof BindException && cause.contains("Cannot assign requested address")) {
      return new DescentException(ErrorCode.INVALID_INPUT, "Cannot bind --host " + host + ": it is not an address of "
          + "this machine (" + cause + "). Use 127.0.0.1 (the default), 0.0.0.0 for every interface, or one of "
          + "this machine's addresses.", e);
    }
    if (root instanceof BindException) {
      return new DescentException(ErrorCode.INVALID_INPUT, "Cannot serve on " + host + ":" + port + ": " + cause
          + ". Choose another --port, or --port 0 for any free one.", e);
    }
    String message = String.valueOf(e.getMessage()).replaceAll("[.\\s]+$", "");
    return new DescentException(ErrorCode.INVALID_INPUT, "Cannot serve on " + host + ":" + port + ": " + message
        + (message.equals(cause) ? "" : " (" + cause + ")"), e);
  }

  /** 32 random bytes, URL-safe base64: unguessable and fine in a URL fragment or a header. */
  static String newToken() {
    byte[] bytes = new byte[32];
    new SecureRandom().nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
