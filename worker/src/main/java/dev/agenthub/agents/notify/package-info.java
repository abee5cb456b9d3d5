/**
 * The {@code notify} agent: a message to a configured Slack or webhook channel, whose URL (a
 * secret) comes from the worker's environment and never appears in history, logs or spans.
 */
package dev.agenthub.agents.notify;
