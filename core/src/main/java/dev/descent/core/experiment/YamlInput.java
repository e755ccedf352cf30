package dev.descent.core.experiment;

import dev.descent.spi.Problem;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;

/**
 * The one place experiment and sweep files are read: every byte that reaches a run comes through here.
 * A file is refused, as an {@link ExperimentException} listing its problems (exit code 2), when it is
 * larger than {@link #MAX_BYTES} (checked while reading, before any parsing, so a huge file costs
 * nothing), not UTF-8 (with the byte offset), not YAML (with line and column), or YAML that a plain
 * configuration never needs and that has hurt other programs: explicit tags ({@code !!binary},
 * {@code !!set}, custom tags), keys that are not text, repeated keys, recursive aliases, alias bombs
 * and deep nesting (see {@link YamlShape}). What comes out is a tree of {@code Map<String, Object>},
 * {@code List<Object>}, String, Integer/Long/BigInteger, Double, Boolean and null, and nothing else.
 */
public final class YamlInput {
  /** Experiment files are a few kilobytes; a megabyte is a mistake (or an attack), not an experiment. */
  public static final int MAX_BYTES = 1 << 20;
  /** Nesting deeper than this is refused by the YAML parser itself; real files nest about 4 deep. */
  static final int MAX_DEPTH = 40;
  /** Aliases to collections per file; each one may repeat a whole subtree. */
  static final int MAX_ALIASES = 50;

  private YamlInput() {}

  /** Reads and parses a file; its path names it in every message. */
  public static Map<String, Object> read(Path file) {
    String source = file.toString();
    return parse(bytes(file, source), source);
  }

  /** Parses a file's bytes (checked for size and UTF-8 here); {@code source} names it in messages. */
  public static Map<String, Object> parse(byte[] bytes, String source) {
    if (bytes.length > MAX_BYTES) {
      throw refused(source, "", "is " + bytes.length + " bytes long; the limit for an experiment file is " + MAX_BYTES
          + " bytes (1 MB)");
    }
    return parse(decode(bytes, source), source);
  }

  /** Parses YAML text into a document mapping; {@code source} names it in messages. */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> parse(String text, String source) {
    if (text.length() > MAX_BYTES) {
      throw refused(source, "", "is " + text.length() + " characters long, more than the " + MAX_BYTES
          + " an experiment file may have; experiment files are a few kilobytes");
    }
    LoaderOptions options = options();
    Node root;
    try {
      root = new Yaml(options).compose(new StringReader(text));
    } catch (YAMLException e) {
      throw refused(source, e);
    } catch (RuntimeException e) {
      // SnakeYAML's scanner has let other exceptions out on truncated escapes ("\\u" at the end: a
      // NumberFormatException); whatever the parser throws on text is still the text's problem
      throw refused(source, "", "not valid YAML: the parser could not read it (" + e.getMessage() + ")");
    }
    if (root == null) {
      throw refused(source, "", "the file is empty; it must be a YAML mapping with name, dataset, model and training");
    }
    List<Problem> shape = YamlShape.check(root);
    if (!shape.isEmpty()) {
      throw new ExperimentException(source, shape);
    }
    Object doc;
    try {
      doc = new Constructor(options).construct(root);
    } catch (YAMLException | IllegalArgumentException | ClassCastException e) {
      throw refused(source, e instanceof YAMLException y ? y : new YAMLException(e.getMessage(), e));
    }
    Problems problems = new Problems();
    ConfigNode.root(doc, problems);
    if (!problems.isEmpty()) {
      throw new ExperimentException(source, problems.list());
    }
    return (Map<String, Object>) doc;
  }

  private static LoaderOptions options() {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    options.setAllowRecursiveKeys(false);
    options.setMaxAliasesForCollections(MAX_ALIASES);
    options.setNestingDepthLimit(MAX_DEPTH);
    options.setCodePointLimit(MAX_BYTES + 1);
    options.setProcessComments(false);
    options.setWrappedToRootException(false);
    return options;
  }

  /** SnakeYAML's safe constructor, whose document method this class may call on an already checked tree. */
  private static final class Constructor extends SafeConstructor {
    Constructor(LoaderOptions options) {
      super(options);
    }

    Object construct(Node root) {
      return constructDocument(root);
    }
  }

  /** At most {@link #MAX_BYTES} + 1 bytes of the file: one more than allowed proves it too large. */
  private static byte[] bytes(Path file, String source) {
    if (Files.isDirectory(file)) {
      throw refused(source, "", "is a directory; give the experiment file (YAML) in it");
    }
    byte[] bytes;
    try (InputStream in = Files.newInputStream(file)) {
      bytes = in.readNBytes(MAX_BYTES + 1);
    } catch (NoSuchFileException e) {
      throw refused(source, "", "no such file");
    } catch (AccessDeniedException e) {
      throw refused(source, "", "cannot be read: permission denied");
    } catch (IOException e) {
      throw refused(source, "", "cannot be read: " + e.getMessage());
    }
    if (bytes.length > MAX_BYTES) {
      String size = "more than " + MAX_BYTES + " bytes long (it has no size: a device or a pipe)";
      try {
        long length = Files.size(file);
        size = length > MAX_BYTES ? length + " bytes long" : size;
      } catch (IOException e) {
        // a stream without a size (a device, a pipe): say "more than"
      }
      throw refused(source, "", "is " + size + "; the limit for an experiment file is " + MAX_BYTES + " bytes (1 MB); "
          + "experiment files are a few kilobytes, so this is probably not the file you meant");
    }
    return bytes;
  }

  /** Strict UTF-8: a bad byte is reported with its offset and line, never replaced or skipped. */
  static String decode(byte[] bytes, String source) {
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length);
    CoderResult result = decoder.decode(in, out, true);
    if (!result.isError()) {
      result = decoder.flush(out);
    }
    if (result.isError()) {
      int offset = in.position();
      int line = 1;
      for (int i = 0; i < offset; i++) {
        line += bytes[i] == '\n' ? 1 : 0;
      }
      int b0 = bytes.length > 1 ? bytes[0] & 0xff : 0;
      int b1 = bytes.length > 1 ? bytes[1] & 0xff : 0;
      String utf16 = b0 == 0xFF && b1 == 0xFE || b0 == 0xFE && b1 == 0xFF ? " (it starts like UTF-16)" : "";
      throw refused(source, "", "is not UTF-8 text" + utf16 + ": byte 0x"
          + String.format("%02X", bytes[offset] & 0xff) + " at byte offset " + offset + " (line " + line
          + ") is not valid UTF-8; save the file with UTF-8 encoding");
    }
    out.flip();
    String text = out.toString();
    return text.startsWith("\uFEFF") ? text.substring(1) : text;
  }

  /** A YAML error as the file's problem: where it is and what is wrong, without the parser's internals. */
  private static ExperimentException refused(String source, YAMLException e) {
    if (e instanceof MarkedYAMLException m && m.getProblemMark() != null) {
      String context = m.getContext() == null ? "" : m.getContext() + ", ";
      return refused(source, at(m.getProblemMark()), "not valid YAML: " + context + m.getProblem());
    }
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    if (message.contains("Nesting Depth exceeded")) {
      message = "nested more than " + MAX_DEPTH + " levels deep; an experiment file needs about 4";
    } else if (message.contains("Number of aliases")) {
      message = "uses more than " + MAX_ALIASES + " aliases to lists or mappings; an experiment file needs a few";
    } else if (message.contains("code points")) {
      message = "is longer than " + MAX_BYTES + " characters";
    }
    return refused(source, "", "not valid YAML: " + message);
  }

  static String at(Mark mark) {
    return "line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1);
  }

  private static ExperimentException refused(String source, String path, String message) {
    return new ExperimentException(source, List.of(new Problem(path, message)));
  }
}
