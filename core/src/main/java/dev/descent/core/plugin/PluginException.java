package dev.descent.core.plugin;

import dev.descent.core.DescentException;
import dev.descent.core.ErrorCode;

/** A plugin could not be found, loaded or configured. */
public class PluginException extends DescentException {
  private static final long serialVersionUID = 1L;

  public PluginException(ErrorCode code, String message) {
    super(code, message);
  }
}
