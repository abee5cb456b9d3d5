/**
 * The {@code transform} agent: a CEL expression over the step's arguments, for reshaping data
 * between steps.
 */
package dev.agenthub.agents.transform;
