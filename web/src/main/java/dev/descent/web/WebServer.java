package dev.descent.web;

import dev.descent.core.tracking.Workspace;
import io.javalin.Javalin;
import io.javalin.http.staticfiles.Location;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * The dashboard server: the JSON API under {@code /api}, the pages, their scripts under {@code /static}
 * and uPlot under {@code /webjars}, all from the classpath. It only reads and writes through the
 * {@link Workspace}, so it can run beside a {@code descent run} writing to the same store; an
 * {@link IndexFollower} brings that run's changes into the search index every half second.
 *
 * <p>Bound to 127.0.0.1 unless told otherwise. Anyone who can reach a non-loopback address could edit
 * tags and notes, so such a host needs a token, and writes must then send {@code Authorization: Bearer T}.
 * Every request first passes the {@link Guard} (Host, Origin, method, content type, token); Jetty refuses
 * bodies over {@link #MAX_BODY_BYTES}; every error, Jetty's own included, has the JSON shape of
 * {@link ErrorBody}.
 */
public final class WebServer implements AutoCloseable {
  /** The largest request body accepted (tags and notes are far smaller): larger ones get 413. */
  public static final long MAX_BODY_BYTES = 1 << 20;

  private final Javalin app;
  private final Workspace workspace;
  private IndexFollower follower;
  private final String host;
  private final int requestedPort;

  /**
   * @param host the address to bind, e.g. 127.0.0.1
   * @param port the port; 0 picks a free one (see {@link #port()})
   * @param token required on writes when not null; must be given when {@code host} is not loopback
   */
  public WebServer(Workspace workspace, String host, int port, String token) {
    this(workspace, host, port, token, List.of());
  }

  /**
   * @param allowedHosts further {@code Host} names to answer to besides the bound one ({@code --allowed-hosts}),
   *     e.g. this machine's DNS name when bound to 0.0.0.0; see {@link AllowedHosts}
   */
  public WebServer(Workspace workspace, String host, int port, String token, List<String> allowedHosts) {
    if (!isLoopback(host) && (token == null || token.isBlank())) {
      throw new IllegalArgumentException("Host " + host + " is not loopback: writes need a token; pass one");
    }
    this.workspace = workspace;
    this.host = host;
    this.requestedPort = port;
    Guard guard = new Guard(new AllowedHosts(host, allowedHosts), token);
    guard.setHandler(new dev.descent.web.mlflow.UploadSizeLimit(MAX_BODY_BYTES)); // MLflow artifacts: no limit
    JettyErrors errors = new JettyErrors();
    RunsApi runs = new RunsApi(workspace);
    SweepsApi sweeps = new SweepsApi(workspace);
    CompareApi compare = new CompareApi(workspace);
    ArtifactsApi artifacts = new ArtifactsApi(workspace);
    Pages pages = new Pages();
    this.app = Javalin.create(config -> {
      config.startup.showJavalinBanner = false;
      config.http.maxRequestSize = MAX_BODY_BYTES;
      config.jetty.modifyServer(server -> {
        server.setErrorHandler(errors);
        server.setHandler(guard);
      });
      config.staticFiles.enableWebjars();
      config.staticFiles.add(files -> {
        files.hostedPath = "/static";
        files.directory = "/descent-web/static";
        files.location = Location.CLASSPATH;
      });
      config.routes.before("/api/*", ServerTiming::start);
      config.routes.after("/api/*", ServerTiming::finish);
      runs.register(config.routes);
      sweeps.register(config.routes);
      compare.register(config.routes);
      new SweepAnalysisApi(workspace).register(config.routes);
      artifacts.register(config.routes);
      pages.register(config.routes);
      // the MLflow tracking API, a second dialect over the same workspace (docs/mlflow.md)
      new dev.descent.web.mlflow.MlflowApi(workspace, java.time.Clock.systemUTC()).register(config.routes);
      ApiErrors.register(config.routes);
    });
  }

  /** Whether {@code host} names only this machine (127.0.0.0/8, ::1, localhost). */
  public static boolean isLoopback(String host) {
    try {
      return InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  public WebServer start() {
    workspace.sync();
    app.start(host, requestedPort);
    follower = new IndexFollower(workspace);
    return this;
  }

  /** The bound port (the chosen one when started with port 0). */
  public int port() {
    return app.port();
  }

  public String url() {
    String h = host.contains(":") ? "[" + host + "]" : host;
    return "http://" + h + ":" + port();
  }

  @Override
  public void close() {
    app.stop();
    if (follower != null) {
      follower.close();
    }
  }
}
