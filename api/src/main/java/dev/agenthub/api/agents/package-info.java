/**
 * The agents a deployment offers, over HTTP ({@code GET /api/v1/agents}): built-in, Java and
 * external agents with their argument schemas and task queues, whether a worker polls each queue
 * now (Temporal's DescribeTaskQueue), and the health check that turns unhealthy when a declared
 * agent's queue has had no poller for too long. Depends on the contracts' agent catalog and the
 * Temporal service stubs.
 */
package dev.agenthub.api.agents;
