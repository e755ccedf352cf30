package dev.descent.core.env;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Locale;
import java.util.Properties;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The numeric environment a result was computed in: ND4J backend, BLAS and its kernel family,
 * thread settings, JVM and OS. Recorded with every result, because the same seed gives the same
 * numbers only on the same backend.
 */
public record Backend(String backend, String blasVendor, String openblasCoretype, String ompThreads,
    String blasThreads, String jvm, String os, int cores) {

  /** Reads the environment; loads ND4J's native backend if it is not loaded yet. */
  public static Backend current() {
    Properties env = Nd4j.getExecutioner().getEnvironmentInformation();
    String name = Nd4j.getBackend().getClass().getSimpleName().replace("Backend", "").toLowerCase(Locale.ROOT);
    return new Backend(
        name,
        String.valueOf(env.getOrDefault("blas.vendor", "unknown")).toLowerCase(Locale.ROOT),
        System.getenv().getOrDefault("OPENBLAS_CORETYPE", "auto"),
        String.valueOf(env.getOrDefault("omp.threads", "?")),
        String.valueOf(env.getOrDefault("blas.threads", "?")),
        System.getProperty("java.vm.name") + " " + System.getProperty("java.version"),
        System.getProperty("os.name") + " " + System.getProperty("os.arch"),
        Runtime.getRuntime().availableProcessors());
  }

  /** As a map for JSON and provenance. */
  public Map<String, Object> asMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("backend", backend);
    m.put("blas", blasVendor);
    m.put("openblas_coretype", openblasCoretype);
    m.put("omp_threads", ompThreads);
    m.put("blas_threads", blasThreads);
    m.put("java", jvm);
    m.put("os", os);
    m.put("cores", cores);
    return m;
  }

  /** One line for {@code --version} and summaries. */
  public String describe() {
    return "ND4J " + backend + " backend, BLAS " + blasVendor + " (OPENBLAS_CORETYPE=" + openblasCoretype
        + "), OpenMP threads " + ompThreads + ", BLAS threads " + blasThreads + "; " + jvm + "; " + os + ", "
        + cores + " cores";
  }
}
