package dev.descent.web;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The {@code Host} names the server answers to: the loopback names (127.0.0.1, localhost, [::1]) when it listens
 * on loopback or on every address, the {@code --host} it was bound to, and any {@code --allowed-hosts}. A name
 * is matched with or without a port, case-insensitively; nothing else is, not even an empty Host.
 */
final class AllowedHosts {
  static final List<String> LOOPBACK = List.of("127.0.0.1", "localhost", "[::1]");

  private final Set<String> names = new LinkedHashSet<>();

  /**
   * @param bound the address the server binds ({@code --host})
   * @param extra further names clients use ({@code --allowed-hosts}), e.g. a DNS name of this machine
   */
  AllowedHosts(String bound, Collection<String> extra) {
    if (WebServer.isLoopback(bound) || isWildcard(bound)) {
      names.addAll(LOOPBACK);
    }
    // the bound literal too, even 0.0.0.0: it is the URL serve prints, and no foreign page can send it as its Host
    names.add(normal(bound));
    if (extra != null) {
      extra.stream().map(String::trim).filter(s -> !s.isEmpty()).map(AllowedHosts::normal).forEach(names::add);
    }
  }

  private static boolean isWildcard(String host) {
    return host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]");
  }

  /** A name as a Host header carries it: lowercase, an IPv6 address in brackets. */
  static String normal(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    return n.contains(":") && !n.startsWith("[") ? "[" + n + "]" : n;
  }

  List<String> names() {
    return new ArrayList<>(names);
  }

  /** Whether a Host header value (name, optionally {@code :port}) is one of ours. */
  boolean allows(String hostHeader) {
    if (hostHeader == null) {
      return false;
    }
    String h = hostHeader.trim().toLowerCase(Locale.ROOT);
    String name;
    String port;
    if (h.startsWith("[")) {
      int close = h.indexOf(']');
      if (close < 0) {
        return false;
      }
      name = h.substring(0, close + 1);
      port = h.substring(close + 1);
    } else {
      int colon = h.indexOf(':');
      name = colon < 0 ? h : h.substring(0, colon);
      port = colon < 0 ? "" : h.substring(colon);
    }
    if (!port.isEmpty() && !port.matches(":[0-9]{1,5}")) {
      return false;
    }
    return !name.isEmpty() && names.contains(name);
  }
}
