/**
 * Bearer API keys (stored as SHA-256) with the roles viewer, operator and admin, and the JSON
 * 401/403 answers.
 */
package dev.agenthub.api.auth;
