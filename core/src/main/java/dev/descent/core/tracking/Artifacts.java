package dev.descent.core.tracking;

import dev.descent.core.DescentException;
import dev.descent.core.ErrorCode;
import dev.descent.core.Json;
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
    if (!runId.matches("[A-Za-z0-9_-]{1,64}")) {
      throw new DescentException(ErrorCode.INVALID_INPUT, "Invalid run id '" + runId + "'");
    }
    return root.resolve(runId);
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
      throw new DescentException(ErrorCode.INTERNAL, "Cannot write the weights of run " + runId + " under " + dir
          + ": " + e.getMessage(), e);
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
    Files.write(tmp, bytes);
    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
