package dev.descent.core.tracking;

import java.security.SecureRandom;
import java.util.HexFormat;

/** Ids for runs that are not sweep cells: 16 random hex digits, unique without coordination. */
public final class RunIds {
  private static final SecureRandom RANDOM = new SecureRandom();

  private RunIds() {}

  public static String random() {
    byte[] b = new byte[8];
    RANDOM.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }
}
