package dev.descent.core.store;

/**
 * Whether opening a store may create it. Creating a store is explicit: only a command that records
 * runs may start one, so a command that reads never turns a mistyped or damaged store into a new empty
 * one. A store that existed and lost its database is refused in both modes.
 */
public enum OpenMode {
  /** {@code descent run} (an experiment or a sweep), a worker: a missing store is created. */
  CREATE_IF_NEW,
  /** Every other command: a missing store is an error naming how to create one, and nothing is created. */
  EXISTING_ONLY
}
