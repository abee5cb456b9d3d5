/**
 * Agents as Temporal activities: one {@link io.temporal.activity.DynamicActivity} ({@link
 * dev.agenthub.agents.AgentActivities}) dispatches by activity type (= agent name) to an {@link
 * dev.agenthub.agents.Agent} of the {@link dev.agenthub.agents.AgentRegistry}, records cost and
 * token metrics, and maps failures to Temporal failure types. Shared helpers for the HTTP-speaking
 * agents live here; each built-in agent has its own subpackage. Activity code may do I/O.
 */
package dev.agenthub.agents;
