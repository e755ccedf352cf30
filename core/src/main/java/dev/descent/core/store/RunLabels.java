package dev.descent.core.store;

import dev.descent.core.DescentException;
import dev.descent.core.ErrorCode;
import java.util.Collection;
import java.util.Locale;

/**
 * The rules for what a user writes on a run: its tags and its note. The store's write methods call these,
 * so every way in (the web API, {@code descent runs tag|note}, {@code descent run --tag}, any later one)
 * refuses the same values with the same message.
 *
 * <p>Why these rules: a tag is searched as {@code tag:X} and shown in tables and terminals, so it must be
 * one visible word. Control characters (NUL, ESC sequences) corrupt terminals and cannot travel in a URL
 * path, which made a tag with NUL impossible to delete; bidirectional overrides and invisible characters make
 * two different tags look the same, or a tag look like another text. A note is free text, so line breaks
 * and tabs stay, but other control characters do not. Removing a tag is never checked: a tag stored before
 * these rules must still be removable.
 */
public final class RunLabels {
  public static final int MAX_TAG = 100;
  public static final int MAX_NOTE = 10_000;
  static final String TAG_RULE = "a tag is 1 to " + MAX_TAG + " visible characters without spaces, "
      + "control characters, direction overrides or invisible characters";

  private RunLabels() {}

  /** The tag, or INVALID_INPUT naming the first offending character and the rule. */
  public static String tag(String tag) {
    if (tag == null || tag.isEmpty()) {
      throw invalid("Invalid tag: empty; " + TAG_RULE);
    }
    int count = tag.codePointCount(0, tag.length());
    if (count > MAX_TAG) {
      throw invalid("Invalid tag '" + shown(tag.substring(0, tag.offsetByCodePoints(0, 20))) + "...': " + count
          + " characters; " + TAG_RULE);
    }
    int at = 0;
    for (int i = 0; i < tag.length(); i += Character.charCount(tag.codePointAt(i))) {
      int cp = tag.codePointAt(i);
      at++;
      String why = Character.isWhitespace(cp) || Character.isSpaceChar(cp) ? "a space"
          : forbiddenInNote(cp) != null ? forbiddenInNote(cp)
          : Character.getType(cp) == Character.FORMAT ? "an invisible or direction character" : null;
      if (why != null) {
        throw invalid("Invalid tag '" + shown(tag) + "': character " + at + " is " + why + " (" + name(cp) + "); "
            + TAG_RULE);
      }
    }
    return tag;
  }

  /**
   * NOT_FOUND unless the run has the tag: removing a tag a run does not have is a mistake to report (a typo,
   * or a tag that differs by an invisible character), in the CLI as in the API's 404.
   */
  public static void requireTagged(Run run, String tag) {
    if (!run.tags().contains(tag)) {
      throw new DescentException(ErrorCode.NOT_FOUND, "Run '" + run.id() + "' has no tag '" + shown(tag) + "'"
          + (run.tags().isEmpty() ? "; it has no tags" : "; its tags: "
          + String.join(", ", run.tags().stream().map(RunLabels::shown).toList())));
    }
  }

  /** Every tag checked, for a run created with tags ({@code descent run --tag}). */
  public static void tags(Collection<String> tags) {
    if (tags != null) {
      tags.forEach(RunLabels::tag);
    }
  }

  /** The note (null clears it), or INVALID_INPUT for one too long or with control characters. */
  public static String note(String note) {
    if (note == null) {
      return null;
    }
    if (note.length() > MAX_NOTE) {
      throw invalid("Invalid note: " + note.length() + " characters, at most " + MAX_NOTE + " allowed");
    }
    int line = 1;
    for (int i = 0; i < note.length(); i += Character.charCount(note.codePointAt(i))) {
      int cp = note.codePointAt(i);
      String why = forbiddenInNote(cp);
      if (why != null) {
        throw invalid("Invalid note: line " + line + " has " + why + " (" + name(cp) + "); a note is text, "
            + "with line breaks and tabs but no other control characters");
      }
      line += cp == '\n' ? 1 : 0;
    }
    return note;
  }

  /** Why a character cannot be in a note (and so in a tag either), or null when it can. */
  private static String forbiddenInNote(int cp) {
    if (cp == '\n' || cp == '\r' || cp == '\t') {
      return null;
    }
    return switch (Character.getType(cp)) {
      case Character.CONTROL -> "a control character";
      case Character.SURROGATE -> "half of a surrogate pair (not text)";
      default -> null;
    };
  }

  private static String name(int cp) {
    String name = Character.getName(cp);
    return String.format(Locale.ROOT, "U+%04X", cp) + (name == null ? "" : " " + name);
  }

  /** The value as it can safely be printed: controls and invisible characters as {@code \}{@code uXXXX}. */
  static String shown(String s) {
    StringBuilder b = new StringBuilder();
    s.codePoints().forEach(cp -> {
      int type = Character.getType(cp);
      if (type == Character.CONTROL || type == Character.FORMAT || type == Character.SURROGATE
          || (Character.isSpaceChar(cp) && cp != ' ')) {
        b.append(String.format(Locale.ROOT, "\\u%04X", cp));
      } else {
        b.appendCodePoint(cp);
      }
    });
    return b.toString();
  }

  private static DescentException invalid(String message) {
    return new DescentException(ErrorCode.INVALID_INPUT, message);
  }
}
