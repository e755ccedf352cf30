package dev.descent.core.data;

/**
 * Why a dataset could not be loaded: a missing or corrupt file, a bad CSV row, an invalid dataset setting.
 *
 * <p>Unchecked, because callers (the engine, the config parser) can only report it. The message is written for
 * the person running the experiment: it names the file, the line or field, the bad value, what is allowed and
 * how to fix it, so no stack trace is needed to act on it.
 */
public class DataException extends RuntimeException {

    public DataException(String message) {
        super(message);
    }

    public DataException(String message, Throwable cause) {
        super(message, cause);
    }
}
