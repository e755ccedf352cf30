package dev.descent.bench;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.openblas.global.openblas_nolapack;

/**
 * The ceiling a training step can reach on this core: the GFLOP/s of ND4J's bundled OpenBLAS's
 * {@code cblas_sgemm}, called directly (no ND4J dispatch), on the matrix products of one step of the
 * benchmark's network at a given batch size. {@code pytorch_bench.py} measures the same shapes through
 * its own BLAS, so each framework's achieved GFLOP/s can be read as a share of its library's roof.
 *
 * <p>A step's products: per layer the forward {@code x W} and the weight gradient {@code xᵀ dZ}, and for
 * every layer but the first the input gradient {@code dZ Wᵀ}. Bias terms and element-wise work are not
 * counted: they are what a framework adds on top of the roof.
 */
final class Roof {
  /** The benchmark's layer sizes, input to output. */
  static final int[] SIZES = {784, 256, 128, 10};

  private Roof() {}

  /** Floating-point operations of the matrix products of one training example (about 1.0 MFLOP here). */
  static double flopsPerSample() {
    double f = 0;
    for (int[] s : gemms(1)) {
      f += 2.0 * s[0] * s[1] * s[2];
    }
    return f;
  }

  /** Achieved GFLOP/s of a framework that trains {@code samplesPerSecond} examples a second. */
  static double achievedGflops(double samplesPerSecond) {
    return samplesPerSecond * flopsPerSample() / 1e9;
  }

  /** {m, n, k, transA, transB} of each product of one step at {@code batch}. */
  static List<int[]> gemms(int batch) {
    List<int[]> out = new ArrayList<>();
    for (int i = 0; i + 1 < SIZES.length; i++) {
      int in = SIZES[i];
      int outs = SIZES[i + 1];
      out.add(new int[] {batch, outs, in, 0, 0});
      out.add(new int[] {in, outs, batch, 1, 0});
      if (i > 0) {
        out.add(new int[] {batch, in, outs, 0, 1});
      }
    }
    return out;
  }

  /**
   * The roof per second of wall time and per second of this thread's CPU time: {best wall, best CPU}. Under
   * load the wall figure falls with the share of the core the thread gets; the CPU figure only with what
   * other work does to caches and the core's sibling thread, like the benchmark's per-CPU-second figures.
   */
  record Measured(double wallGflops, double cpuGflops) {}

  /** The best GFLOP/s of repeated rounds of one step's products over about {@code seconds}; one thread as set. */
  static double measure(int batch, double seconds) {
    return measureBoth(batch, seconds).wallGflops();
  }

  /** {@link #measure}, per wall second and per CPU second of this thread. */
  static Measured measureBoth(int batch, double seconds) {
    Loader.load(openblas_nolapack.class);
    List<int[]> shapes = gemms(batch);
    List<FloatPointer[]> bufs = new ArrayList<>();
    double flops = 0;
    java.util.Random r = new java.util.Random(1);
    for (int[] s : shapes) {
      FloatPointer a = fill(new FloatPointer((long) s[0] * s[2]), r);
      FloatPointer b = fill(new FloatPointer((long) s[2] * s[1]), r);
      bufs.add(new FloatPointer[] {a, b, new FloatPointer((long) s[0] * s[1])});
      flops += 2.0 * s[0] * s[1] * s[2];
    }
    round(shapes, bufs, 3);
    java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
    double best = 0;
    double bestCpu = 0;
    int reps = 1;
    long end = System.nanoTime() + (long) (seconds * 1e9);
    while (System.nanoTime() < end) {
      long c0 = threads.getCurrentThreadCpuTime();
      long t0 = System.nanoTime();
      round(shapes, bufs, reps);
      double dt = (System.nanoTime() - t0) / 1e9;
      double dc = (threads.getCurrentThreadCpuTime() - c0) / 1e9;
      best = Math.max(best, reps * flops / dt / 1e9);
      if (dc > 0) {
        bestCpu = Math.max(bestCpu, reps * flops / dc / 1e9);
      }
      reps = Math.min(reps * 2, 64);
    }
    bufs.forEach(p -> {
      for (FloatPointer f : p) {
        f.close();
      }
    });
    return new Measured(best, bestCpu);
  }

  private static void round(List<int[]> shapes, List<FloatPointer[]> bufs, int reps) {
    for (int rep = 0; rep < reps; rep++) {
      for (int i = 0; i < shapes.size(); i++) {
        int[] s = shapes.get(i);
        FloatPointer[] p = bufs.get(i);
        int m = s[0];
        int n = s[1];
        int k = s[2];
        boolean ta = s[3] == 1;
        boolean tb = s[4] == 1;
        openblas_nolapack.cblas_sgemm(openblas_nolapack.CblasRowMajor,
            ta ? openblas_nolapack.CblasTrans : openblas_nolapack.CblasNoTrans,
            tb ? openblas_nolapack.CblasTrans : openblas_nolapack.CblasNoTrans,
            m, n, k, 1f, p[0], ta ? m : k, p[1], tb ? k : n, 0f, p[2], n);
      }
    }
  }

  private static FloatPointer fill(FloatPointer p, java.util.Random r) {
    float[] v = new float[(int) p.capacity()];
    for (int i = 0; i < v.length; i++) {
      v[i] = r.nextFloat();
    }
    p.put(v);
    return p;
  }
}
