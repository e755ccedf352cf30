package dev.descent.spi;

/**
 * The version of this plugin API. A plugin jar records the major version it was compiled
 * against in its manifest ({@code Descent-SPI-Version}); descent refuses a jar built for another
 * major version rather than fail later with a linkage error in the middle of a sweep.
 */
public final class SpiVersion {
  /** Bumped only when a change to this package would break a compiled plugin. */
  public static final int MAJOR = 1;

  /** The manifest attribute a plugin jar carries to say which major version it was built for. */
  public static final String MANIFEST_ATTRIBUTE = "Descent-SPI-Version";

  private SpiVersion() {}
}
