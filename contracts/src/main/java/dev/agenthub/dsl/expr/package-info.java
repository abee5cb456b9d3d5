/**
 * CEL expressions and {@code ${{ }}} templates of the DSL: compiled against the run's variables
 * ({@code input}, {@code steps}), evaluated deterministically inside workflow code.
 */
package dev.agenthub.dsl.expr;
