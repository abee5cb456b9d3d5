package dev.agenthub.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParseException;
import io.temporal.common.converter.DataConverterException;
import io.temporal.failure.CanceledFailure;
import io.temporal.worker.NonDeterministicException;
import org.junit.jupiter.api.Test;

class StepErrorsTest {

  @Test
  void belongsToTemporal_isFalse_forErrorsInADefinitionOrItsData() {
    assertThat(StepErrors.belongsToTemporal(new IllegalArgumentException("duration \"abc\"")))
        .isFalse();
    assertThat(
            StepErrors.belongsToTemporal(
                new DataConverterException(new JsonParseException(null, "bad"))))
        .isFalse();
  }

  @Test
  void belongsToTemporal_isTrue_forNonDeterminismErrorsAndTemporalFailures() {
    assertThat(StepErrors.belongsToTemporal(new NonDeterministicException("changed"))).isTrue();
    assertThat(
            StepErrors.belongsToTemporal(
                new IllegalStateException("wrapped", new NonDeterministicException("changed"))))
        .isTrue();
    assertThat(StepErrors.belongsToTemporal(new CanceledFailure("cancelled"))).isTrue();
    assertThat(StepErrors.belongsToTemporal(new StackOverflowError())).isTrue();
  }

  @Test
  void evaluationFailed_namesWhereAndTheCause() {
    StepError error =
        StepErrors.evaluationFailed("when", new IllegalStateException("no such value"));

    assertThat(error.type()).isEqualTo(FailureTypes.STEP_EVALUATION_FAILED);
    assertThat(error.message()).isEqualTo("when: IllegalStateException: no such value");
  }

  @Test
  void belongsToTemporal_looksSixteenCausesDeep_andNoFurther() {
    assertThat(StepErrors.belongsToTemporal(chainAbove(new AssertionError("deep"), 15))).isTrue();
    assertThat(StepErrors.belongsToTemporal(chainAbove(new AssertionError("deeper"), 16)))
        .isFalse();
  }

  /** {@code depth} plain exceptions, each caused by the next, the last caused by {@code root}. */
  private static Throwable chainAbove(Throwable root, int depth) {
    Throwable chain = root;
    for (int i = 0; i < depth; i++) {
      chain = new IllegalStateException("level " + i, chain);
    }
    return chain;
  }
}
