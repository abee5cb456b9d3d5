/**
 * {@code /api/v1/pipelines}: the loaded definitions, starting runs of them, and the health check
 * that reports invalid files.
 */
package dev.agenthub.api.pipelines;
