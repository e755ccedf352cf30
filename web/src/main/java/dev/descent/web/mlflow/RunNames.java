package dev.descent.web.mlflow;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Names for runs created without one (the Java client sends none), in MLflow's style: {@code bold-heron-417}.
 * Drawn from the run id, so the same id always gets the same name and no unseeded randomness is involved.
 */
final class RunNames {
  private static final List<String> ADJECTIVES = List.of("amber", "bold", "brave", "calm", "clever", "crisp",
      "daring", "eager", "fair", "gentle", "glad", "keen", "lively", "lucid", "merry", "nimble", "polite", "proud",
      "quick", "quiet", "rare", "silent", "smooth", "steady", "sunny", "swift", "tidy", "vivid", "warm", "wise");
  private static final List<String> NOUNS = List.of("ant", "bass", "bear", "crane", "deer", "dove", "eel", "finch",
      "fox", "gull", "hare", "heron", "ibis", "jay", "koi", "lark", "lynx", "mole", "newt", "otter", "owl", "panda",
      "quail", "seal", "shrew", "slug", "stork", "toad", "wasp", "wren");

  private RunNames() {}

  static String of(String runId) {
    SplittableRandom random = new SplittableRandom(runId.hashCode());
    return ADJECTIVES.get(random.nextInt(ADJECTIVES.size())) + "-" + NOUNS.get(random.nextInt(NOUNS.size())) + "-"
        + random.nextInt(1000);
  }
}
