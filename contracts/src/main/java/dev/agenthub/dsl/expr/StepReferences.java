package dev.agenthub.dsl.expr;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.ast.CelConstant;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.ast.CelExpr.ExprKind.Kind;
import dev.cel.common.navigation.CelNavigableAst;
import dev.cel.common.navigation.CelNavigableExpr;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * The steps an expression reads: {@code steps.<id>}, {@code steps['<id>']} and {@code
 * has(steps.<id>)} name one each. Used to check that they are upstream, and to hand an agent that
 * evaluates CEL only the outputs it reads rather than the whole run.
 */
public final class StepReferences {

  private static final String STEPS = "steps";

  private StepReferences() {}

  /** The step ids {@code ast} names, in the order they appear. */
  public static Set<String> in(CelAbstractSyntaxTree ast) {
    Set<String> ids = new LinkedHashSet<>();
    CelNavigableAst.fromAst(ast)
        .getRoot()
        .allNodes()
        .map(CelNavigableExpr::expr)
        .forEach(expr -> stepNamedBy(expr).ifPresent(ids::add));
    return ids;
  }

  /**
   * Exactly the step ids {@code expression} may read, or empty when it also reads {@code steps} as
   * a whole ({@code size(steps)}, {@code steps[input.name]}), so that any step may be read.
   *
   * @throws ExpressionException when it does not compile
   */
  public static Optional<Set<String>> exactlyIn(String expression) {
    CelAbstractSyntaxTree ast = CelExpressions.compile(expression);
    boolean whole =
        CelNavigableAst.fromAst(ast)
            .getRoot()
            .allNodes()
            .filter(node -> isStepsIdent(node.expr()))
            .anyMatch(node -> node.parent().map(p -> stepNamedBy(p.expr()).isEmpty()).orElse(true));
    return whole ? Optional.empty() : Optional.of(in(ast));
  }

  private static Optional<String> stepNamedBy(CelExpr expr) {
    if (expr.getKind() == Kind.SELECT && isStepsIdent(expr.select().operand())) {
      return Optional.of(expr.select().field());
    }
    if (expr.getKind() == Kind.CALL
        && expr.call().function().equals("_[_]")
        && expr.call().args().size() == 2
        && isStepsIdent(expr.call().args().get(0))
        && expr.call().args().get(1).getKind() == Kind.CONSTANT
        && expr.call().args().get(1).constant().getKind() == CelConstant.Kind.STRING_VALUE) {
      return Optional.of(expr.call().args().get(1).constant().stringValue());
    }
    return Optional.empty();
  }

  private static boolean isStepsIdent(CelExpr expr) {
    return expr.getKind() == Kind.IDENT && expr.ident().name().equals(STEPS);
  }
}
