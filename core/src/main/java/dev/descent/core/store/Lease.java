package dev.descent.core.store;

import dev.descent.core.train.RunStatus;
import java.time.Instant;

/**
 * A cell's claim as the store has it: who holds it, with which fencing token, and until when.
 *
 * @param token the fencing token: the store's change number when the claim was made; a later claim of
 *     the same run always has a larger one, so a write carrying an older token is a stale writer's
 * @param owner null for a run written before leases (schema 4)
 * @param leaseUntil the claim can be taken over after this instant unless its owner renews it
 * @param heartbeat the owner's last sign of life
 * @param previousAttempt why the previous attempt ended when this claim took over from it, else null
 */
public record Lease(String runId, RunStatus status, long token, LeaseOwner owner, Instant leaseUntil,
    Instant heartbeat, String previousAttempt) {

  /** {@code host pid N}, or {@code an older descent} for a run without owner. */
  public String holder() {
    return owner == null ? "an older descent" : owner.describe();
  }
}
