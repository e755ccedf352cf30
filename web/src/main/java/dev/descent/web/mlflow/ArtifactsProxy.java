package dev.descent.web.mlflow;

import dev.descent.core.DescentException;
import dev.descent.core.ErrorCode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * MLflow's artifact proxy ({@code /api/2.0/mlflow-artifacts/artifacts/...}): upload (PUT), download (GET) and
 * list (GET with {@code ?path=}). Runs created through MLflow have {@code artifact_uri =
 * mlflow-artifacts:/EXPERIMENT/RUN/artifacts}, which clients turn into these paths; the files live under
 * {@code mlflow/} in the workspace's artifacts directory. A path is refused (400) unless it stays inside that
 * directory: no {@code ..}, no absolute path. Uploads stream to a temporary file moved into place, so a broken
 * upload never leaves a half-written artifact under its name.
 */
public final class ArtifactsProxy {
  static final String BASE = "/api/2.0/mlflow-artifacts/artifacts";
  private final Path root;

  ArtifactsProxy(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  /** Whether a request is an artifact upload, which the guard and the size limit let through as a file. */
  public static boolean isUpload(String method, String path) {
    return "PUT".equals(method) && path.startsWith(BASE + "/");
  }

  void register(RoutesConfig r) {
    r.put(BASE + "/<path>", MlflowErrors.wrap(this::upload));
    r.get(BASE + "/<path>", MlflowErrors.wrap(this::download));
    r.get(BASE, MlflowErrors.wrap(this::list));
  }

  private void upload(Context ctx) throws IOException {
    Path file = resolve(ctx.pathParam("path"));
    Files.createDirectories(file.getParent());
    Path tmp = Files.createTempFile(file.getParent(), ".upload-", ".tmp");
    try (InputStream in = ctx.req().getInputStream()) {
      Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
    MlflowJson.empty(ctx);
  }

  private void download(Context ctx) throws IOException {
    Path file = resolve(ctx.pathParam("path"));
    if (!Files.isRegularFile(file)) {
      throw new DescentException(ErrorCode.NOT_FOUND, "No artifact '" + ctx.pathParam("path") + "'");
    }
    ctx.contentType("application/octet-stream");
    ctx.result(Files.newInputStream(file));
  }

  private void list(Context ctx) throws IOException {
    String path = ctx.queryParam("path");
    Path dir = path == null || path.isEmpty() ? root : resolve(path);
    List<Map<String, Object>> files = new ArrayList<>();
    if (Files.isDirectory(dir)) {
      try (Stream<Path> children = Files.list(dir)) {
        for (Path p : children.sorted().toList()) {
          if (p.getFileName().toString().startsWith(".upload-")) {
            continue;
          }
          Map<String, Object> f = new LinkedHashMap<>();
          f.put("path", p.getFileName().toString());
          f.put("is_dir", Files.isDirectory(p));
          if (!Files.isDirectory(p)) {
            f.put("file_size", Files.size(p));
          }
          files.add(f);
        }
      }
    }
    MlflowJson.send(ctx, Map.of("files", files));
  }

  /** The file for an artifact path, or INVALID_INPUT when the path would leave the artifacts directory. */
  Path resolve(String path) {
    if (path.isEmpty() || path.startsWith("/") || path.contains("\\") || path.contains("\u0000")) {
      throw MlflowRequest.invalid("Invalid artifact path: '" + path + "'");
    }
    for (String part : path.split("/")) {
      if (part.equals("..") || part.equals(".")) {
        throw MlflowRequest.invalid("Invalid artifact path: '" + path + "' (no '.' or '..' parts)");
      }
    }
    Path file = root.resolve(path).normalize();
    if (!file.startsWith(root) || file.equals(root)) {
      throw MlflowRequest.invalid("Invalid artifact path: '" + path + "'");
    }
    return file;
  }
}
