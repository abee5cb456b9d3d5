package dev.agenthub.api.agents;

import java.util.List;

/** The answer of {@code GET /api/v1/agents}: built-in agents first, then declared ones. */
public record AgentList(List<AgentView> agents) {}
