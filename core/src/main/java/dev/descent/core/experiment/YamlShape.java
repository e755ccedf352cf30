package dev.descent.core.experiment;

import dev.descent.spi.Problem;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Checks a composed YAML tree, before any Java value is built from it, for what a configuration file
 * never needs: tags other than text, numbers, booleans, null, lists and mappings; keys that are not
 * text; a key twice in one mapping; an alias inside the collection it names (which would make every
 * later walk of the value recurse forever); and aliases that multiply the tree beyond
 * {@link #MAX_VALUES} values. Every problem is collected with its field path and line and column.
 * Dates are kept as the text they were written as.
 */
final class YamlShape {
  /** Values in the tree with every alias expanded; a real file has a few hundred. */
  static final long MAX_VALUES = 100_000;
  private final Resolver resolver = new Resolver();
  private final List<Problem> problems = new ArrayList<>();
  private final Set<Node> visited = Collections.newSetFromMap(new IdentityHashMap<>());
  private final Set<Node> open = Collections.newSetFromMap(new IdentityHashMap<>());
  private final Map<Node, Long> sizes = new IdentityHashMap<>();

  private YamlShape() {}

  /** The problems of the tree at {@code root}, empty when it may be constructed. */
  static List<Problem> check(Node root) {
    YamlShape shape = new YamlShape();
    shape.visit(root, "");
    if (shape.problems.isEmpty()) {
      long values = shape.size(root);
      if (values > MAX_VALUES) {
        shape.problems.add(new Problem("", "has more than " + MAX_VALUES + " values (an alias counts as every "
            + "value of the list or mapping it repeats); an experiment file has a few hundred"));
      }
    }
    return List.copyOf(shape.problems);
  }

  private void visit(Node node, String path) {
    if (open.contains(node)) {
      add(path, node, "is a recursive alias: *" + node.getAnchor() + " refers to the list or mapping that contains "
          + "it, so its value would be infinite; refer only to values defined before and outside it");
      return;
    }
    if (!visited.add(node)) {
      return;
    }
    open.add(node);
    if (node instanceof ScalarNode scalar) {
      scalar(scalar, path);
    } else if (node instanceof SequenceNode sequence) {
      tag(node, Tag.SEQ, path);
      List<Node> items = sequence.getValue();
      for (int i = 0; i < items.size(); i++) {
        visit(items.get(i), path + "[" + i + "]");
      }
    } else if (node instanceof MappingNode mapping) {
      tag(node, Tag.MAP, path);
      mapping(mapping, path);
    }
    open.remove(node);
  }

  private void mapping(MappingNode mapping, String path) {
    Map<String, Node> keys = new HashMap<>();
    for (NodeTuple tuple : mapping.getValue()) {
      Node key = tuple.getKeyNode();
      if (key instanceof ScalarNode && key.getTag().equals(Tag.MERGE)) {
        visit(tuple.getValueNode(), path);
        continue;
      }
      if (!(key instanceof ScalarNode s) || !key.getTag().equals(Tag.STR)) {
        add(path, key, "has the key " + keyText(key) + ", which is " + kind(key) + "; keys must be text: "
            + (key instanceof ScalarNode ? "quote it, e.g. '" + keyText(key) + "':, or rename it"
                : "use a plain name"));
        continue;
      }
      String child = path.isEmpty() ? s.getValue() : path + "." + s.getValue();
      Node first = keys.putIfAbsent(s.getValue(), key);
      if (first != null) {
        add(child, key, "repeats the key '" + s.getValue() + "' of " + YamlInput.at(first.getStartMark())
            + "; YAML would silently keep only the last: keep one");
        continue;
      }
      visit(tuple.getValueNode(), child);
    }
  }

  private void scalar(ScalarNode node, String path) {
    Tag tag = node.getTag();
    if (tag.equals(Tag.TIMESTAMP)) {
      node.setTag(Tag.STR);
      return;
    }
    if (tag.equals(Tag.STR)) {
      return;
    }
    Tag implicit = resolver.resolve(NodeId.scalar, node.getValue(), true);
    boolean fits = tag.equals(implicit) || tag.equals(Tag.FLOAT) && implicit.equals(Tag.INT);
    if (!tag.equals(Tag.INT) && !tag.equals(Tag.FLOAT) && !tag.equals(Tag.BOOL) && !tag.equals(Tag.NULL)) {
      tag(node, Tag.STR, path);
    } else if (!fits) {
      add(path, node, "was " + ConfigNode.quote(node.getValue()) + " tagged " + show(tag)
          + ", which it is not; remove the tag");
    }
  }

  private void tag(Node node, Tag expected, String path) {
    if (!node.getTag().equals(expected)) {
      add(path, node, "has the tag " + show(node.getTag()) + "; an experiment file holds only text, numbers, "
          + "true/false, lists and mappings: remove the tag");
    }
  }

  /** The number of values with aliases expanded, capped just above the limit. */
  private long size(Node node) {
    Long known = sizes.get(node);
    if (known != null) {
      return known;
    }
    long n = 1;
    if (node instanceof SequenceNode sequence) {
      for (Node item : sequence.getValue()) {
        n = Math.min(MAX_VALUES + 1, n + size(item));
      }
    } else if (node instanceof MappingNode mapping) {
      for (NodeTuple tuple : mapping.getValue()) {
        n = Math.min(MAX_VALUES + 1, n + size(tuple.getKeyNode()) + size(tuple.getValueNode()));
      }
    }
    sizes.put(node, n);
    return n;
  }

  private void add(String path, Node node, String message) {
    problems.add(new Problem(path, message + " (" + YamlInput.at(node.getStartMark()) + ")"));
  }

  private static String keyText(Node key) {
    if (key instanceof ScalarNode s) {
      return s.getValue().isEmpty() ? "~ (empty)" : s.getValue().length() > ConfigNode.SHOWN || !ConfigNode.quote(
          s.getValue()).equals("'" + s.getValue() + "'") ? ConfigNode.quote(s.getValue()) : s.getValue();
    }
    return key instanceof SequenceNode ? "[...]" : "{...}";
  }

  private static String kind(Node key) {
    if (!(key instanceof ScalarNode)) {
      return key instanceof SequenceNode ? "a list" : "a mapping";
    }
    Tag tag = key.getTag();
    if (tag.equals(Tag.INT) || tag.equals(Tag.FLOAT)) {
      return "a number";
    }
    if (tag.equals(Tag.BOOL)) {
      return "read as true/false";
    }
    return tag.equals(Tag.NULL) ? "null" : "tagged " + show(tag);
  }

  private static String show(Tag tag) {
    String value = tag.getValue();
    return value.startsWith(Tag.PREFIX) ? "!!" + value.substring(Tag.PREFIX.length()) : value;
  }
}
