package dev.agenthub.dsl.expr;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cel.bundle.Cel;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelIssue;
import dev.cel.common.CelSourceLocation;
import dev.cel.common.CelValidationException;
import dev.cel.common.CelValidationResult;
import dev.cel.common.types.SimpleType;
import dev.cel.extensions.CelExtensions;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import java.util.Map;
import java.util.Set;

/**
 * Compiles and evaluates the CEL expressions of pipelines ({@code when}, templates, {@code output},
 * the {@code transform} agent), with CEL's string and math extensions. Evaluation is pure: no
 * clocks, randomness or I/O, so workflow code may call it. Variables are {@code input}, {@code
 * steps}, {@code run} and {@code vars}, all dynamic.
 */
public final class CelExpressions {

  /** The variables an expression may read. */
  public static final Set<String> VARIABLES = Set.of("input", "steps", "run", "vars");

  private static final Cel CEL = buildCel();

  private CelExpressions() {}

  private static Cel buildCel() {
    var builder =
        CelFactory.standardCelBuilder()
            .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
            .addCompilerLibraries(CelExtensions.strings(), CelExtensions.math())
            .addRuntimeLibraries(CelExtensions.strings(), CelExtensions.math())
            .setResultType(SimpleType.DYN);
    VARIABLES.forEach(v -> builder.addVar(v, SimpleType.DYN));
    return builder.build();
  }

  /**
   * Parses and type-checks {@code expression}.
   *
   * @throws ExpressionException when it does not compile, quoting the expression and pointing at
   *     the first problem: {@code syntax error at column 7 in "input.(": no viable alternative at
   *     input '.('}, or {@code invalid expression at column 1 in "secrets.key": undeclared
   *     reference to 'secrets' (in container '')}
   */
  public static CelAbstractSyntaxTree compile(String expression) {
    CelValidationResult parsed = CEL.parse(expression);
    if (parsed.hasError()) {
      throw new ExpressionException(describe("syntax error", expression, parsed));
    }
    try {
      CelValidationResult checked = CEL.check(parsed.getAst());
      if (checked.hasError()) {
        throw new ExpressionException(describe("invalid expression", expression, checked));
      }
      return checked.getAst();
    } catch (CelValidationException e) {
      throw new ExpressionException(firstLine(e.getMessage()));
    }
  }

  private static String describe(String what, String expression, CelValidationResult result) {
    CelIssue first = result.getErrors().get(0);
    CelSourceLocation at = first.getSourceLocation();
    String where = "";
    if (at != CelSourceLocation.NONE && at.getLine() > 0) {
      // CEL counts lines from 1 and columns from 0; people count both from 1.
      where =
          expression.contains("\n")
              ? " at line " + at.getLine() + ", column " + (at.getColumn() + 1)
              : " at column " + (at.getColumn() + 1);
    }
    return what + where + " in \"" + expression + "\": " + firstLine(first.getMessage());
  }

  /**
   * Evaluates {@code expression} over {@code variables} (JSON values by variable name) and returns
   * its value as JSON.
   *
   * @throws ExpressionException when it does not compile, fails at evaluation, or yields a value
   *     JSON cannot hold (NaN, an infinity, a CEL type)
   */
  public static JsonNode evaluate(String expression, Map<String, JsonNode> variables) {
    CelAbstractSyntaxTree ast = compile(expression);
    Object value;
    try {
      value = CEL.createProgram(ast).eval(CelValues.activation(variables));
    } catch (CelEvaluationException e) {
      throw new ExpressionException(
          "expression `" + expression + "` failed: " + firstLine(e.getMessage()));
    }
    try {
      return CelValues.toJson(value);
    } catch (IllegalArgumentException e) {
      throw new ExpressionException(
          "expression `" + expression + "` has no JSON value: " + e.getMessage());
    }
  }

  /** Evaluates a condition; anything but boolean {@code true} counts as false only if boolean. */
  public static boolean test(String expression, Map<String, JsonNode> variables) {
    JsonNode value = evaluate(expression, variables);
    if (!value.isBoolean()) {
      throw new ExpressionException(
          "expression `" + expression + "` must be a boolean, got " + value.getNodeType());
    }
    return value.booleanValue();
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unknown error";
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
