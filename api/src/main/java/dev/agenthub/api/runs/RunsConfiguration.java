package dev.agenthub.api.runs;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.agenthub.run.PipelineRunInput;
import io.dropwizard.util.DataSize;
import io.dropwizard.util.DataSizeUnit;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MaxDataSize;
import io.dropwizard.validation.MaxDuration;
import io.dropwizard.validation.MinDataSize;
import io.dropwizard.validation.MinDuration;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.util.concurrent.TimeUnit;

/**
 * Limits of the run endpoints ({@code runs:} block): how large a run's input may be, how long a
 * request waits for Temporal before answering 503, and how wide a run's {@code forEach} may fan
 * out.
 */
public class RunsConfiguration {

  /**
   * Temporal refuses any payload over 2 MiB (its blob size limit), and a run's start payload holds
   * the input beside the pipeline definition and the price snapshot; request bodies stop at 1 MiB.
   */
  /**
   * The most elements one {@code forEach} step may run (default 1,000, at most 10,000); a longer
   * list fails the step {@code ForEachTooLarge} before any element starts. Each element is an
   * activity in the run's own history, and Temporal ends a history at 51,200 events.
   */
  @Min(1)
  @Max(10_000)
  private int maxForEachItems = PipelineRunInput.DEFAULT_MAX_FOR_EACH_ITEMS;

  @NotNull
  @MinDataSize(1)
  @MaxDataSize(value = 1, unit = DataSizeUnit.MEBIBYTES)
  private DataSize maxInputBytes = DataSize.kibibytes(512);

  @NotNull
  @MinDuration(value = 1, unit = TimeUnit.MILLISECONDS)
  @MaxDuration(value = 1, unit = TimeUnit.MINUTES)
  private Duration temporalDeadline = Duration.milliseconds(TemporalDeadline.DEFAULT.toMillis());

  @NotNull
  @MinDuration(value = 1, unit = TimeUnit.MILLISECONDS)
  private Duration temporalTimeout = Duration.seconds(TemporalDeadline.DEFAULT_SLOW.toSeconds());

  /**
   * The largest run input ({@code input} of a start, as compact JSON) the API accepts (default 512
   * KiB, at most 1.5 MiB); larger ones get 413 {@code input_too_large}.
   */
  @JsonProperty
  public int getMaxForEachItems() {
    return maxForEachItems;
  }

  @JsonProperty
  public void setMaxForEachItems(int maxForEachItems) {
    this.maxForEachItems = maxForEachItems;
  }

  @JsonProperty
  public DataSize getMaxInputBytes() {
    return maxInputBytes;
  }

  @JsonProperty
  public void setMaxInputBytes(DataSize maxInputBytes) {
    this.maxInputBytes = maxInputBytes;
  }

  /**
   * How long one request (run endpoints and the alerts webhook) waits for Temporal in total,
   * retries included, before answering 503 {@code temporal_unavailable} (default 2 s; the answer
   * comes at most 0.4 s later, one retry interval).
   */
  @JsonProperty
  public Duration getTemporalDeadline() {
    return temporalDeadline;
  }

  @JsonProperty
  public void setTemporalDeadline(Duration temporalDeadline) {
    this.temporalDeadline = temporalDeadline;
  }

  /**
   * How long one request waits at most while the connection to Temporal is up but the answer is
   * slow (default 30 s), then 503 {@code temporal_unavailable}.
   */
  @JsonProperty
  public Duration getTemporalTimeout() {
    return temporalTimeout;
  }

  @JsonProperty
  public void setTemporalTimeout(Duration temporalTimeout) {
    this.temporalTimeout = temporalTimeout;
  }
}
