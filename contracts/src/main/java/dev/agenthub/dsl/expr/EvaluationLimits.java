package dev.agenthub.dsl.expr;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.ast.CelExpr.ExprKind.Kind;
import dev.cel.common.navigation.CelNavigableAst;
import dev.cel.common.navigation.CelNavigableExpr;
import dev.cel.runtime.CelEvaluationListener;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/**
 * The limits that keep one expression from stalling the thread that evaluates it (a workflow task
 * must finish in well under a second): how long an expression may be, how deeply comprehensions
 * ({@code map}, {@code filter}, {@code all}, {@code exists}) may nest, how many iterations they may
 * make together, and how large the values it computes may grow, each and in total. Every limit is
 * counted, never timed, so an evaluation fails or succeeds the same way on every replay.
 */
final class EvaluationLimits {

  /** The longest expression, in code points. */
  static final int MAX_EXPRESSION_LENGTH = 10_000;

  /** How deeply the parser may recurse (nested calls, operators, literals). */
  static final int MAX_PARSE_DEPTH = 64;

  /** How deeply comprehensions may nest ({@code a.map(x, b.all(y, ...))} nests 2). */
  static final int MAX_COMPREHENSION_NESTING = 3;

  /** Comprehension iterations of one evaluation, all comprehensions together. */
  static final int MAX_ITERATIONS = 5_000;

  /** The longest string an expression may compute, in chars. */
  static final int MAX_STRING_LENGTH = 1024 * 1024;

  /** The most elements a list or map an expression computes may hold. */
  static final int MAX_COLLECTION_SIZE = 100_000;

  /**
   * The size of all the values one evaluation computes, added up (chars of strings, elements of
   * lists and maps): what bounds the work of an expression that builds many large values.
   */
  static final long MAX_COMPUTED_SIZE = 16L * 1024 * 1024;

  private EvaluationLimits() {}

  /**
   * Refuses an expression whose comprehensions nest deeper than {@link #MAX_COMPREHENSION_NESTING}.
   */
  static void checkNesting(String expression, CelAbstractSyntaxTree ast) {
    int depth = nesting(ast);
    if (depth > MAX_COMPREHENSION_NESTING) {
      throw new ExpressionLimitException(
          "expression `"
              + expression
              + "` nests "
              + depth
              + " comprehensions; at most "
              + MAX_COMPREHENSION_NESTING
              + " may nest");
    }
  }

  /** The most comprehensions on one path from the root of {@code ast} to a leaf. */
  private static int nesting(CelAbstractSyntaxTree ast) {
    return CelNavigableAst.fromAst(ast)
        .getRoot()
        .allNodes()
        .filter(node -> node.expr().getKind() == Kind.COMPREHENSION)
        .mapToInt(EvaluationLimits::comprehensionsAround)
        .max()
        .orElse(0);
  }

  private static int comprehensionsAround(CelNavigableExpr node) {
    int count = 0;
    for (Optional<CelNavigableExpr> at = Optional.of(node);
        at.isPresent();
        at = at.get().parent()) {
      if (at.get().expr().getKind() == Kind.COMPREHENSION) {
        count++;
      }
    }
    return count;
  }

  /** A fresh account of the values one evaluation of {@code expression} computes. */
  static CelEvaluationListener meter(String expression) {
    return new Meter(expression);
  }

  /** Counts the size of every value an evaluation computes and stops it at the limits. */
  private static final class Meter implements CelEvaluationListener {

    private final String expression;
    private long computed;

    Meter(String expression) {
      this.expression = expression;
    }

    @Override
    public void callback(CelExpr expr, Object value) {
      if (expr.getKind() == Kind.IDENT || expr.getKind() == Kind.SELECT) {
        // Reading a variable computes nothing: its value is already in memory.
        return;
      }
      long size = sizeOf(value);
      if (value instanceof CharSequence && size > MAX_STRING_LENGTH) {
        throw limit("computes a string of " + size + " chars; at most " + MAX_STRING_LENGTH);
      }
      if (!(value instanceof CharSequence) && size > MAX_COLLECTION_SIZE) {
        throw limit(
            "computes a collection of " + size + " elements; at most " + MAX_COLLECTION_SIZE);
      }
      computed += size;
      if (computed > MAX_COMPUTED_SIZE) {
        throw limit(
            "computes values of more than " + MAX_COMPUTED_SIZE + " chars and elements in total");
      }
    }

    private ExpressionLimitException limit(String what) {
      return new ExpressionLimitException("expression `" + expression + "` " + what);
    }

    private static long sizeOf(Object value) {
      if (value instanceof CharSequence text) {
        return text.length();
      }
      if (value instanceof Collection<?> collection) {
        return collection.size();
      }
      if (value instanceof Map<?, ?> map) {
        return map.size();
      }
      return 1;
    }
  }
}
