package dev.agenthub.agents;

/**
 * What a run reports of one agent loop when it ends, for its {@code invoke_agent} span: the input
 * of the {@link #ACTIVITY} local activity. No prompts, arguments or answers.
 *
 * @param spanId the span's id (16 hex digits), which the loop's turns and tool calls already name
 *     as their parent
 * @param pipeline the pipeline's name
 * @param step the loop's step id (the agent's name)
 * @param model the model the step asked for, else the one its turns reported; may be {@code null}
 * @param startMillis when the loop began (workflow time, epoch milliseconds)
 * @param endMillis when it ended (workflow time, epoch milliseconds)
 * @param turns the model turns it took
 * @param inputTokens prompt tokens summed over its turns and tool calls
 * @param outputTokens completion tokens summed over its turns and tool calls
 * @param costUsd what it cost, summed like the tokens
 * @param errorType the step's failure type ({@code AgentMaxTurns}, {@code BudgetExceeded}, {@code
 *     Cancelled}, ...) when the loop did not end with an answer; {@code null} when it did
 */
public record InvokeAgentSpan(
    String spanId,
    String pipeline,
    String step,
    String model,
    long startMillis,
    long endMillis,
    int turns,
    long inputTokens,
    long outputTokens,
    double costUsd,
    String errorType) {

  /** The activity type of the local activity that emits the span; no agent can be named so. */
  public static final String ACTIVITY = "agenthub.invoke_agent";
}
