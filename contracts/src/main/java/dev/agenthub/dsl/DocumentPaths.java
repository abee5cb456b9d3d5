package dev.agenthub.dsl;

import java.util.regex.Pattern;

/** Builds the paths of {@link ValidationError}s: {@code steps[0].with.headers["X-Key.Id"]}. */
final class DocumentPaths {

  private static final Pattern PLAIN_KEY = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$-]*");

  private DocumentPaths() {}

  static String key(String parent, String key) {
    if (!PLAIN_KEY.matcher(key).matches()) {
      return parent + "[\"" + key.replace("\"", "\\\"") + "\"]";
    }
    return parent.isEmpty() ? key : parent + "." + key;
  }

  static String index(String parent, int index) {
    return parent + "[" + index + "]";
  }

  /** Whether one path locates a value inside (or equal to) the other's. */
  static boolean related(String a, String b) {
    return a.equals(b) || contains(a, b) || contains(b, a);
  }

  private static boolean contains(String outer, String inner) {
    if (outer.isEmpty()) {
      return true;
    }
    if (!inner.startsWith(outer) || inner.length() == outer.length()) {
      return false;
    }
    char next = inner.charAt(outer.length());
    return next == '.' || next == '[';
  }
}
