/**
 * The {@code http} agent: one HTTP call with templated URL, headers and body, and a size-capped
 * response.
 */
package dev.agenthub.agents.http;
