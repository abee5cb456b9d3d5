package dev.agenthub.agents.http;

import static java.util.Objects.requireNonNull;

import dev.agenthub.agents.AgentException;
import dev.agenthub.dsl.expr.SecretReferences;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;

/**
 * Replaces {@code ${{ secrets.NAME }}} in the http agent's header values with the value of the
 * environment variable the worker declares for {@code NAME} ({@code agents.http.secrets}). Runs
 * inside the activity only, on the request about to be sent: the value never enters the step's
 * arguments, output, history, logs or spans, and failures name the secret, never a value.
 */
public final class HeaderSecrets {

  /** No secrets declared: any reference fails the step. */
  public static final HeaderSecrets NONE = new HeaderSecrets(Map.of(), name -> null);

  private final Map<String, String> variables;
  private final Function<String, String> environment;

  /**
   * @param variables the environment variable holding each secret, by secret name
   * @param environment reads an environment variable ({@code System::getenv} in a worker)
   */
  public HeaderSecrets(Map<String, String> variables, Function<String, String> environment) {
    this.variables = Map.copyOf(requireNonNull(variables, "variables"));
    this.environment = requireNonNull(environment, "environment");
  }

  /**
   * {@code value} with every secret reference replaced by the secret.
   *
   * @throws AgentException (not retried) when a referenced secret is not declared or its variable
   *     is unset or empty
   */
  String resolve(String header, String value) throws AgentException {
    Matcher matcher = SecretReferences.TEMPLATE.matcher(value);
    if (!matcher.find()) {
      return value;
    }
    StringBuilder resolved = new StringBuilder();
    do {
      matcher.appendReplacement(
          resolved, Matcher.quoteReplacement(secret(header, matcher.group(1))));
    } while (matcher.find());
    matcher.appendTail(resolved);
    return resolved.toString();
  }

  private String secret(String header, String name) throws AgentException {
    String variable = variables.get(name);
    if (variable == null) {
      throw AgentException.configError(
          "header `"
              + header
              + "` references secret \""
              + name
              + "\", which the worker does not declare in agents.http.secrets");
    }
    String secret = environment.apply(variable);
    if (secret == null || secret.isEmpty()) {
      throw AgentException.configError(
          "header `"
              + header
              + "` references secret \""
              + name
              + "\", but the worker's environment variable "
              + variable
              + " is not set");
    }
    return secret;
  }
}
