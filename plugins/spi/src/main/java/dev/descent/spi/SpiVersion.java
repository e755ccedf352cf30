package dev.descent.spi;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The version of this plugin API. A plugin jar records the major version it was compiled
 * against in its manifest ({@code Descent-SPI-Version}); descent refuses a jar built for another
 * major version rather than fail later with a linkage error in the middle of a sweep.
 *
 * <p>API: part of the plugin SPI.
 */
public final class SpiVersion {
  /** Bumped only when a change to this package would break a compiled plugin. */
  public static final int MAJOR = 1;

  /** The manifest attribute a plugin jar carries to say which major version it was built for. */
  public static final String MANIFEST_ATTRIBUTE = "Descent-SPI-Version";

  private SpiVersion() {}

  /**
   * The descent release this SPI belongs to ({@code 0.1.0-SNAPSHOT}): the version of the
   * {@code descent-plugin-spi} and {@code descent-plugin-testkit} artifacts a plugin compiles
   * against, and what {@code descent plugins new} writes into a new plugin's pom. Written into the
   * SPI jar by its build, so it is right whether descent runs from a jar or from a build tree.
   */
  public static String descentVersion() {
    try (InputStream in = SpiVersion.class.getResourceAsStream("version.properties")) {
      if (in == null) {
        throw new IllegalStateException("dev/descent/spi/version.properties is missing from the SPI jar");
      }
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("descent.version");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
