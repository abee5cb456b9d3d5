/**
 * Prices and usage: the dated price table, the snapshot a run carries so that budgets stay
 * deterministic, token estimates, and the usage records agents report. Pure data; no I/O but
 * reading a pricing file.
 */
package dev.agenthub.cost;
