package dev.descent.core.tracking;

import dev.descent.core.DescentException;
import dev.descent.core.ErrorCode;
import dev.descent.core.Json;
import dev.descent.core.store.StoreFailures;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Each run's kept weights, beside the store: {@code artifacts/RUN_ID/weights.f32} holds the flat
 * parameter vector as little-endian float32 (layer by layer: W of shape in x out row-major, then b),
 * and {@code weights.json} says so with the count and the file's SHA-256. The format is plain on purpose:
 * numpy reads it with {@code np.fromfile(f, '<f4')}, and {@code descent runs evaluate} loads it back
 * into the run's model. Files are written to a temporary name and moved into place, so a crash never
 * leaves a half-written artifact under the final name.
 */
public final class Artifacts {
  public static final String WEIGHTS = "weights.f32";
  public static final String META = "weights.json";
  private final Path root;

  public Artifacts(Path root) {
    this.root = root;
  }

  public Path root() {
    return root;
  }

  public Path dir(String runId) {
    if (!validId(runId)) {
      throw new DescentException(ErrorCode.INVALID_INPUT, "Invalid run id '" + runId + "'");
    }
    return root.resolve(runId);
  }

  /** Ids descent makes (hex, or letters, digits, - and _): the only ones that can name a folder here. */
  private static boolean validId(String runId) {
    return runId.matches("[A-Za-z0-9_-]{1,64}");
  }

  /** A file a run keeps, as the dashboard lists it. */
  public record StoredFile(String name, long bytes) {}

  /**
   * The files a run keeps (none for a run that kept no weights), by name. Only regular files directly in the
   * run's folder: what {@link #file} will hand out.
   */
  public java.util.List<StoredFile> list(String runId) {
    if (!validId(runId)) {
      return java.util.List.of();
    }
    Path dir = dir(runId);
    if (!Files.isDirectory(dir)) {
      return java.util.List.of();
    }
    try (var entries = Files.list(dir)) {
      return entries.filter(f -> Files.isRegularFile(f, java.nio.file.LinkOption.NOFOLLOW_LINKS))
          .filter(f -> !f.getFileName().toString().endsWith(".tmp"))
          .map(f -> new StoredFile(f.getFileName().toString(), size(f)))
          .sorted(java.util.Comparator.comparing(StoredFile::name)).toList();
    } catch (IOException e) {
      throw new DescentException(ErrorCode.INTERNAL, "Cannot list " + dir + ": " + e.getMessage(), e);
    }
  }

  /**
   * One of the run's files by name. The name must be one {@link #list} gives, compared as a string: a name with
   * {@code ..}, a separator or an encoding trick matches none, so no request reaches outside the run's folder.
   */
  public Path file(String runId, String name) {
    java.util.List<StoredFile> files = list(runId);
    if (files.stream().noneMatch(f -> f.name().equals(name))) {
      throw new DescentException(ErrorCode.NOT_FOUND, "Run " + runId + " has no file '" + name + "'"
          + (files.isEmpty() ? "; it kept none" : "; it has " + String.join(", ",
              files.stream().map(StoredFile::name).toList())));
    }
    return dir(runId).resolve(name);
  }

  private static long size(Path f) {
    try {
      return Files.size(f);
    } catch (IOException e) {
      return -1;
    }
  }

  /** Writes a run's weights; returns the weights file. */
  public Path save(String runId, float[] weights) {
    Path dir = dir(runId);
    try {
      Files.createDirectories(dir);
      ByteBuffer buf = ByteBuffer.allocate(weights.length * 4).order(ByteOrder.LITTLE_ENDIAN);
      buf.asFloatBuffer().put(weights);
      byte[] bytes = buf.array();
      Path file = dir.resolve(WEIGHTS);
      write(file, bytes);
      Map<String, Object> meta = new LinkedHashMap<>();
      meta.put("format", "descent-weights");
      meta.put("version", 1);
      meta.put("dtype", "float32 little-endian");
      meta.put("order", "layer by layer: W (inputs x units, row-major) then b (units)");
      meta.put("count", weights.length);
      meta.put("sha256", sha256(bytes));
      write(dir.resolve(META), Json.writePretty(meta).getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return file;
    } catch (IOException e) {
      throw StoreFailures.ofFile(root.toString(), "writing the weights of run " + runId + " under " + dir, e);
    }
  }

  /** Reads a run's weights, checking them against their recorded SHA-256. */
  public float[] load(String runId) {
    Path file = dir(runId).resolve(WEIGHTS);
    if (!Files.isRegularFile(file)) {
      throw new DescentException(ErrorCode.NOT_FOUND, "Run " + runId + " has no saved weights at " + file
          + " (a run that diverged or failed keeps none)");
    }
    try {
      byte[] bytes = Files.readAllBytes(file);
      Object expected = Json.mapper().readValue(dir(runId).resolve(META).toFile(), Map.class).get("sha256");
      if (expected != null && !expected.equals(sha256(bytes))) {
        throw new DescentException(ErrorCode.INTERNAL, "The weights of run " + runId + " at " + file
            + " do not match their recorded SHA-256: the file is damaged");
      }
      float[] w = new float[bytes.length / 4];
      ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(w);
      return w;
    } catch (IOException e) {
      throw new DescentException(ErrorCode.INTERNAL, "Cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  private static void write(Path target, byte[] bytes) throws IOException {
    Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
    try {
      Files.write(tmp, bytes);
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      try {
        Files.deleteIfExists(tmp); // a half-written file on a full disk only keeps it full
      } catch (IOException d) {
        e.addSuppressed(d);
      }
      throw e;
    }
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
