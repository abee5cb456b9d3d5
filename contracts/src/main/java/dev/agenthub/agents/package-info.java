/**
 * The contract of agents, shared by the API (validation) and the worker (execution): which agents
 * exist and what arguments they take ({@link dev.agenthub.agents.AgentCatalog}), and the wire
 * records of an agent call ({@link dev.agenthub.agents.AgentRequest} in, {@link
 * dev.agenthub.agents.AgentResult} out), and the agents users declare ({@link
 * dev.agenthub.agents.AgentDeclaration}, read by {@code dev.agenthub.dsl.AgentFiles}; it reuses the
 * DSL's retry policy record). Depends on Jackson, the Temporal SDK and {@code dev.agenthub.dsl}.
 */
package dev.agenthub.agents;
