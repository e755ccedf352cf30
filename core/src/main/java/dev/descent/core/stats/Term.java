package dev.descent.core.stats;

import java.util.List;

/** A term of the factorial model: one factor (a main effect) or two (their interaction, named {@code a:b}). */
record Term(List<String> factors) {
  Term {
    factors = List.copyOf(factors);
  }

  String name() {
    return String.join(":", factors);
  }

  /** Whether this term is {@code other} or a higher-order term built on it ({@code a:b} contains {@code a}). */
  boolean contains(Term other) {
    return factors.containsAll(other.factors);
  }
}
