package dev.agenthub.dsl.expr;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code ${{ secrets.NAME }}}: a reference to a secret of the worker, allowed only in the header
 * values of an {@code http} step. The interpreter leaves it as it is (the secret never enters the
 * run's variables, input or history); the http agent replaces it inside the activity with the value
 * of the environment variable the worker's configuration declares for {@code NAME}.
 */
public final class SecretReferences {

  /** A secret's name: a letter or underscore, then letters, digits and underscores. */
  public static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  /** The whole template, {@code ${{ secrets.NAME }}}, with the name as group 1. */
  public static final Pattern TEMPLATE =
      Pattern.compile("\\$\\{\\{\\s*secrets\\.(" + NAME.pattern() + ")\\s*}}");

  private static final Pattern EXPRESSION = Pattern.compile("secrets\\.(" + NAME.pattern() + ")");

  private SecretReferences() {}

  /** The secret's name when {@code expression} (a template's inside) is exactly a reference. */
  public static Optional<String> secretName(String expression) {
    var matcher = EXPRESSION.matcher(expression.trim());
    return matcher.matches() ? Optional.of(matcher.group(1)) : Optional.empty();
  }
}
