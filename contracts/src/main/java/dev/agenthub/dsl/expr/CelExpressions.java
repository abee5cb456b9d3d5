package dev.agenthub.dsl.expr;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import dev.cel.bundle.Cel;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelErrorCode;
import dev.cel.common.CelIssue;
import dev.cel.common.CelOptions;
import dev.cel.common.CelSourceLocation;
import dev.cel.common.CelValidationException;
import dev.cel.common.CelValidationResult;
import dev.cel.common.types.SimpleType;
import dev.cel.extensions.CelExtensions;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import java.util.Map;
import java.util.Set;
import java.util.stream.LongStream;

/**
 * Compiles and evaluates the CEL expressions of pipelines ({@code when}, templates, {@code output},
 * the {@code transform} agent), with CEL's string and math extensions. Evaluation is pure: no
 * clocks, randomness or I/O, so workflow code may call it. Variables are {@code input}, {@code
 * steps}, {@code run}, {@code vars} and {@code args} (a tool call's arguments), all dynamic, and in
 * a {@code forEach} step's expressions {@code item} and {@code index} (see {@link
 * ElementReferences}).
 */
public final class CelExpressions {

  /** The variables an expression may read. */
  public static final Set<String> VARIABLES =
      Set.of(
          "input", "steps", "run", "vars", "args", ElementReferences.ITEM, ElementReferences.INDEX);

  /** Compiled programs by expression; the expressions of the deployed definitions, mostly. */
  private static final int MAX_CACHED_PROGRAMS = 10_000;

  private static final Compiler LIMITED =
      new Compiler(
          buildCel(
              CelOptions.current()
                  .maxExpressionCodePointSize(EvaluationLimits.MAX_EXPRESSION_LENGTH)
                  .maxParseRecursionDepth(EvaluationLimits.MAX_PARSE_DEPTH)
                  .comprehensionMaxIterations(EvaluationLimits.MAX_ITERATIONS)
                  .build()),
          newCache(),
          ExpressionLimits.ENFORCED);

  private static final Compiler UNLIMITED =
      new Compiler(buildCel(CelOptions.current().build()), newCache(), ExpressionLimits.NONE);

  private CelExpressions() {}

  private static Cel buildCel(CelOptions options) {
    var builder =
        CelFactory.standardCelBuilder()
            .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
            .addCompilerLibraries(CelExtensions.strings(), CelExtensions.math())
            .addRuntimeLibraries(CelExtensions.strings(), CelExtensions.math())
            .setResultType(SimpleType.DYN)
            .setOptions(options);
    VARIABLES.forEach(v -> builder.addVar(v, SimpleType.DYN));
    return builder.build();
  }

  /**
   * Compiling is pure, so a program compiled once serves every later evaluation of the same text,
   * on any thread, in workflow code too; type-checking on every evaluation cost about a tenth of a
   * worker's CPU under load. Expressions that fail to compile are not cached.
   */
  private static Cache<String, CompiledExpression> newCache() {
    return CacheBuilder.newBuilder().maximumSize(MAX_CACHED_PROGRAMS).build();
  }

  /**
   * Loads and exercises the CEL runtime, with and without limits, so that the first expression a
   * process evaluates (in a workflow task, which Temporal allows about a second) does not also pay
   * for class loading and a cold interpreter. Call at process start, from any thread: the work is
   * done once per process, and a caller that comes while another thread does it waits for it.
   */
  public static void warmUp() {
    WarmUp.done();
  }

  /** The JVM runs a class's initialiser once, and makes every other caller wait for it. */
  private static final class WarmUp {
    static {
      Map<String, JsonNode> variables =
          Map.of("input", CelValues.toJson(LongStream.range(0, 500).boxed().toList()));
      for (ExpressionLimits limits : ExpressionLimits.values()) {
        evaluate("input.map(x, string(x) + 'a').exists(s, s.startsWith('499'))", variables, limits);
      }
    }

    private WarmUp() {}

    static void done() {
      // Initialising this class did the work.
    }
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
    return LIMITED.compiled(expression).ast();
  }

  private static CelAbstractSyntaxTree typeCheck(Cel cel, String expression) {
    CelValidationResult parsed = cel.parse(expression);
    if (parsed.hasError()) {
      throw new ExpressionException(describe("syntax error", expression, parsed));
    }
    try {
      CelValidationResult checked = cel.check(parsed.getAst());
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
    return evaluate(expression, variables, ExpressionLimits.ENFORCED);
  }

  /** {@link #evaluate(String, Map)}, enforcing the evaluation limits or not. */
  public static JsonNode evaluate(
      String expression, Map<String, JsonNode> variables, ExpressionLimits limits) {
    Compiler compiler = limits == ExpressionLimits.ENFORCED ? LIMITED : UNLIMITED;
    CelRuntime.Program program = compiler.compiled(expression).program();
    Map<String, Object> activation = CelValues.activation(variables);
    Object value;
    try {
      value =
          limits == ExpressionLimits.ENFORCED
              ? program.trace(activation, EvaluationLimits.meter(expression))
              : program.eval(activation);
    } catch (CelEvaluationException e) {
      if (e.getCause() instanceof ExpressionLimitException limit) {
        throw limit;
      }
      if (e.getErrorCode() == CelErrorCode.ITERATION_BUDGET_EXCEEDED) {
        throw new ExpressionLimitException(
            "expression `"
                + expression
                + "` makes more than "
                + EvaluationLimits.MAX_ITERATIONS
                + " comprehension iterations");
      }
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
    return test(expression, variables, ExpressionLimits.ENFORCED);
  }

  /** {@link #test(String, Map)}, enforcing the evaluation limits or not. */
  public static boolean test(
      String expression, Map<String, JsonNode> variables, ExpressionLimits limits) {
    JsonNode value = evaluate(expression, variables, limits);
    if (!value.isBoolean()) {
      throw new ExpressionException(
          "expression `" + expression + "` must be a boolean, got " + value.getNodeType());
    }
    return value.booleanValue();
  }

  /** A type-checked expression and the program that evaluates it; both immutable. */
  private record CompiledExpression(CelAbstractSyntaxTree ast, CelRuntime.Program program) {}

  /** One CEL environment with its cache of compiled programs. */
  private record Compiler(
      Cel cel, Cache<String, CompiledExpression> programs, ExpressionLimits limits) {

    CompiledExpression compiled(String expression) {
      CompiledExpression cached = programs.getIfPresent(expression);
      if (cached != null) {
        return cached;
      }
      CelAbstractSyntaxTree ast = typeCheck(cel, expression);
      if (limits == ExpressionLimits.ENFORCED) {
        EvaluationLimits.checkNesting(expression, ast);
      }
      CompiledExpression compiled;
      try {
        compiled = new CompiledExpression(ast, cel.createProgram(ast));
      } catch (CelEvaluationException e) {
        throw new ExpressionException(
            "expression `" + expression + "` cannot run: " + firstLine(e.getMessage()));
      }
      programs.put(expression, compiled);
      return compiled;
    }
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unknown error";
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
