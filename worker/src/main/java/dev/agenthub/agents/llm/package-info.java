/**
 * The {@code llm} agent: a chat completion through an OpenAI-compatible provider or the offline
 * simulated one, priced from the run's price snapshot, traced with the GenAI conventions.
 */
package dev.agenthub.agents.llm;
