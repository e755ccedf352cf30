package dev.descent.core.store;

import dev.descent.core.train.RunStatus;

/**
 * What asking for a cell gave: it is ours ({@link Kind#GRANTED}), another live process holds it
 * ({@link Kind#HELD}: wait and ask again), or it reached an outcome ({@link Kind#ENDED}: never run again).
 *
 * @param lease the claim now in the store (ours when granted, the holder's when held)
 * @param takeover when granted by taking a running cell over, why its holder lost it; else null
 */
public record Claim(Kind kind, Lease lease, String takeover) {
  public enum Kind { GRANTED, HELD, ENDED }

  public boolean granted() {
    return kind == Kind.GRANTED;
  }

  public RunStatus status() {
    return lease.status();
  }
}
