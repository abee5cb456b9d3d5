package dev.agenthub.dsl.expr;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.ast.CelExpr.ExprKind.Kind;
import dev.cel.common.navigation.CelNavigableAst;
import dev.cel.common.navigation.CelNavigableExpr;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * The element variables an expression reads: {@code item} and {@code index}, defined only in the
 * expressions of a {@code forEach} step (its arguments and {@code when}). A comprehension that
 * binds the same name ({@code xs.map(item, item + 1)}) reads its own variable, not the element.
 */
public final class ElementReferences {

  /** The element's value. */
  public static final String ITEM = "item";

  /** The element's position in the list, from 0. */
  public static final String INDEX = "index";

  private static final Set<String> NAMES = Set.of(ITEM, INDEX);

  private ElementReferences() {}

  /** {@code item} and/or {@code index} where {@code ast} reads them, in the order they appear. */
  public static Set<String> in(CelAbstractSyntaxTree ast) {
    Set<String> names = new LinkedHashSet<>();
    CelNavigableAst.fromAst(ast)
        .getRoot()
        .allNodes()
        .filter(node -> node.expr().getKind() == Kind.IDENT)
        .filter(node -> NAMES.contains(node.expr().ident().name()))
        .filter(node -> !boundByComprehension(node, node.expr().ident().name()))
        .forEach(node -> names.add(node.expr().ident().name()));
    return names;
  }

  private static boolean boundByComprehension(CelNavigableExpr node, String name) {
    Optional<CelNavigableExpr> at = node.parent();
    while (at.isPresent()) {
      CelExpr expr = at.get().expr();
      if (expr.getKind() == Kind.COMPREHENSION
          && (name.equals(expr.comprehension().iterVar())
              || name.equals(expr.comprehension().accuVar()))) {
        return true;
      }
      at = at.get().parent();
    }
    return false;
  }
}
