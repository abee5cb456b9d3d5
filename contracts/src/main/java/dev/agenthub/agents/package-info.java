/**
 * The contract of agents, shared by the API (validation) and the worker (execution): which agents
 * exist and what arguments they take ({@link dev.agenthub.agents.AgentCatalog}), and the wire
 * records of an agent call ({@link dev.agenthub.agents.AgentRequest} in, {@link
 * dev.agenthub.agents.AgentResult} out). Depends on Jackson and the Temporal SDK only.
 */
package dev.agenthub.agents;
