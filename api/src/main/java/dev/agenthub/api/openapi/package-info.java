/** {@code GET /api/v1/openapi.json}: the OpenAPI document, kept equal to the routes by a test. */
package dev.agenthub.api.openapi;
