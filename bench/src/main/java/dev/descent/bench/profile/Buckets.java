package dev.descent.bench.profile;

import java.util.List;
import jdk.jfr.consumer.RecordedFrame;

/**
 * Sorts a sampled stack into where the time went. The first rule that matches any frame of the
 * stack wins, in this order, so an allocation inside the optimizer counts as optimizer time and a
 * dup inside an element-wise op counts as allocation:
 * <ol>
 *   <li>{@link #GATHER}: {@code Nd4j.pullRows} (building a batch);</li>
 *   <li>{@link #OPTIMIZER}: anything under {@code dev.descent.builtin.optimizer};</li>
 *   <li>{@link #GEMM}: {@code Nd4j.gemm}/{@code mmul}, ND4J's BLAS wrappers, OpenBLAS;</li>
 *   <li>{@link #ALLOCATION}: {@code Nd4j.create*}, {@code dup}, {@code castTo}, new arrays and
 *       data buffers, JavaCPP {@code Pointer} allocation and shape-info creation;</li>
 *   <li>{@link #ELEMENTWISE}: executing transform, scalar, pairwise, broadcast and reduction ops
 *       ({@code Nd4j.exec}, the op executioner, {@code Transforms}, in-place INDArray methods);</li>
 *   <li>{@link #OTHER}: all else (descent's own Java, the JDK).</li>
 * </ol>
 */
final class Buckets {
  static final String GATHER = "batch gathering (pullRows)";
  static final String OPTIMIZER = "optimizer step (dev.descent.builtin.optimizer)";
  static final String GEMM = "gemm (Nd4j.gemm / BLAS)";
  static final String ALLOCATION = "allocation (create / dup / DataBuffer)";
  static final String ELEMENTWISE = "element-wise & reduction ND4J ops (exec)";
  static final String OTHER = "other Java";
  static final List<String> ORDER = List.of(GEMM, ELEMENTWISE, ALLOCATION, OPTIMIZER, GATHER, OTHER);

  private Buckets() {}

  static String classify(List<RecordedFrame> frames) {
    if (any(frames, Buckets::gather)) {
      return GATHER;
    }
    if (any(frames, (t, m) -> t.startsWith("dev.descent.builtin.optimizer."))) {
      return OPTIMIZER;
    }
    if (any(frames, Buckets::gemm)) {
      return GEMM;
    }
    if (any(frames, Buckets::allocation)) {
      return ALLOCATION;
    }
    if (any(frames, Buckets::elementwise)) {
      return ELEMENTWISE;
    }
    return OTHER;
  }

  private interface Rule {
    boolean test(String type, String method);
  }

  private static boolean any(List<RecordedFrame> frames, Rule rule) {
    for (RecordedFrame f : frames) {
      if (f.getMethod() != null && rule.test(f.getMethod().getType().getName(), f.getMethod().getName())) {
        return true;
      }
    }
    return false;
  }

  private static boolean gather(String type, String method) {
    return method.equals("pullRows");
  }

  private static boolean gemm(String type, String method) {
    return type.equals("org.nd4j.linalg.factory.Nd4j") && (method.equals("gemm") || method.equals("matmul"))
        || method.equals("mmul") || method.equals("mmuli")
        || type.startsWith("org.bytedeco.openblas.")
        || type.contains(".blas.") || type.endsWith("Blas") || type.endsWith(".Mmul");
  }

  private static boolean allocation(String type, String method) {
    boolean factory = type.equals("org.nd4j.linalg.factory.Nd4j") || type.endsWith("NDArrayFactory")
        || type.endsWith("DataBufferFactory") || type.endsWith("DataBufferFactory$1");
    if (factory && (method.startsWith("create") || method.equals("ones") || method.equals("zeros")
        || method.equals("valueArrayOf") || method.equals("scalar") || method.equals("empty"))) {
      return true;
    }
    if (method.equals("dup") || method.equals("castTo")) {
      return true;
    }
    if (method.equals("<init>") && (type.contains("DataBuffer") || type.endsWith("NDArray")
        || type.startsWith("org.bytedeco.javacpp."))) {
      return true;
    }
    return type.startsWith("org.bytedeco.javacpp.Pointer") && (method.contains("alloc") || method.equals("deallocate"))
        || method.equals("createShapeInformation") || method.equals("allocate") || method.equals("malloc");
  }

  private static boolean elementwise(String type, String method) {
    return type.startsWith("org.nd4j.linalg.api.ops.") || type.startsWith("org.nd4j.linalg.cpu.nativecpu.ops.")
        || type.startsWith("org.nd4j.linalg.ops.transforms.") || type.startsWith("org.nd4j.linalg.cpu.nativecpu.bindings.")
        || type.equals("org.nd4j.linalg.factory.Nd4j") && method.equals("exec")
        || type.equals("org.nd4j.linalg.api.ndarray.BaseNDArray") || type.equals("org.nd4j.linalg.cpu.nativecpu.NDArray");
  }
}
