/**
 * The {@code http} agent: one HTTP call with templated URL, headers and body, and a size-capped
 * response; and its egress policy ({@code EgressPolicy}), which checks every connection's resolved
 * address. Depends on the agents package and OkHttp only.
 */
package dev.agenthub.agents.http;
