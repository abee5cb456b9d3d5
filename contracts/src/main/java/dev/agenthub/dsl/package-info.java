/**
 * The pipeline DSL: the YAML model ({@link dev.agenthub.dsl.PipelineDefinition}), its loader and
 * validator (every error names its exact field path), the step graph, input validation against JSON
 * Schema, and the catalog of a directory of definitions. Used at load (API), at start (API) and
 * inside workflow code (worker), so nothing here reads clocks, randoms or the environment.
 */
package dev.agenthub.dsl;
