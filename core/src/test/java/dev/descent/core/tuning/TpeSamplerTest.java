package dev.descent.core.tuning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TpeSamplerTest {
  private static final SearchSpace PLANE = new SearchSpace(List.of(
      new Param("x", new Distribution.Numeric("uniform", -5, 5, 0, false, false), Map.of()),
      new Param("y", new Distribution.Numeric("uniform", -5, 5, 0, false, false), Map.of())));

  private static double quadratic(Map<String, Object> p) {
    double x = ((Number) p.get("x")).doubleValue();
    double y = ((Number) p.get("y")).doubleValue();
    return (x - 1.3) * (x - 1.3) + (y + 2.1) * (y + 2.1);
  }

  /** The best loss after {@code trials} sequential trials, TPE or (with tpe false) random search. */
  private static double best(boolean tpe, long seed, int trials) {
    TpeSampler sampler = new TpeSampler(PLANE, seed);
    List<TpeSampler.Trial> history = new ArrayList<>();
    double best = Double.POSITIVE_INFINITY;
    for (int i = 0; i < trials; i++) {
      Map<String, Object> p = tpe ? sampler.propose(i, history) : RandomSampler.trial(PLANE, seed, i, 0);
      double loss = quadratic(p);
      history.add(new TpeSampler.Trial(p, TpeSampler.State.FINISHED, 1, loss));
      best = Math.min(best, loss);
    }
    return best;
  }

  private static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    return (s[s.length / 2] + s[(s.length - 1) / 2]) / 2;
  }

  @Test
  void tpe_beats_random_search_on_a_2d_quadratic_at_equal_trials() {
    int seeds = 21;
    double[] tpe = new double[seeds];
    double[] random = new double[seeds];
    for (int s = 0; s < seeds; s++) {
      tpe[s] = best(true, s, 60);
      random[s] = best(false, s, 60);
    }
    double t = median(tpe);
    double r = median(random);
    assertTrue(t < r / 2, "median best over seeds 0..20 after 60 trials: tpe " + t + ", random " + r);
  }

  @Test
  void the_same_seed_and_history_propose_the_same_trial_and_startup_trials_are_random_search() {
    List<TpeSampler.Trial> history = new ArrayList<>();
    TpeSampler a = new TpeSampler(PLANE, 3);
    for (int i = 0; i < 15; i++) {
      Map<String, Object> p = a.propose(i, history);
      assertEquals(p, new TpeSampler(PLANE, 3).propose(i, List.copyOf(history)));
      if (i < TpeSampler.STARTUP_TRIALS) {
        assertEquals(RandomSampler.trial(PLANE, 3, i, 0), p);
      }
      history.add(new TpeSampler.Trial(p, TpeSampler.State.FINISHED, 1, quadratic(p)));
    }
  }

  @Test
  void a_conditional_parameter_appears_only_where_its_condition_holds() {
    SearchSpace space = new SearchSpace(List.of(
        new Param("optimizer", new Distribution.Categorical(List.of("sgd", "adam")), Map.of()),
        new Param("lr", new Distribution.Numeric("log_uniform", 1e-4, 1, 0, true, false), Map.of()),
        new Param("momentum", new Distribution.Numeric("uniform", 0, 0.99, 0, false, false),
            Map.of("optimizer", List.of("sgd")))));
    TpeSampler sampler = new TpeSampler(space, 1);
    List<TpeSampler.Trial> history = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      Map<String, Object> p = sampler.propose(i, history);
      assertEquals("sgd".equals(p.get("optimizer")), p.containsKey("momentum"), p.toString());
      double lr = (Double) p.get("lr");
      assertTrue(lr >= 1e-4 && lr <= 1, p.toString());
      double loss = Math.abs(Math.log10(lr) + 2) + ("sgd".equals(p.get("optimizer")) ? 1 - (Double) p.get("momentum") : 0.5);
      history.add(new TpeSampler.Trial(p, TpeSampler.State.FINISHED, 1, loss));
    }
  }

  @Test
  void the_normal_cdf_and_its_inverse_match_tabulated_values() {
    assertEquals(0.9750021048517795, Gauss.cdf(1.96), 1e-12);
    assertEquals(2.866515718791939e-7, Gauss.cdf(-5), 1e-18);
    assertEquals(1.959963984540054, Gauss.inverse(0.975), 1e-9);
    assertEquals(-3.090232306167813, Gauss.inverse(0.001), 1e-8);
  }
}
