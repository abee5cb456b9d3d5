package dev.agenthub.dsl;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.agenthub.agents.AgentCatalog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads pipeline definitions from YAML files or JSON trees. Every problem is reported at once, in a
 * {@link PipelineValidationException}: first the document's shape (unknown keys, wrong types), then
 * the semantic rules of {@link PipelineValidator} (except where a shape error already covers the
 * same value).
 */
public final class PipelineLoader {

  private static final YAMLMapper YAML =
      YAMLMapper.builder().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).build();

  private static final Pattern MARK =
      Pattern.compile("\\s*in '[^']*', line (\\d+), column (\\d+):?");

  private PipelineLoader() {}

  /**
   * Loads the definition in {@code file}, named after the file in errors.
   *
   * @throws PipelineValidationException if the definition is invalid
   * @throws UncheckedIOException if the file cannot be read
   */
  public static PipelineDefinition load(Path file, AgentCatalog catalog) {
    requireNonNull(file, "file");
    String yaml;
    try {
      yaml = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    return parse(yaml, file.getFileName().toString(), catalog);
  }

  /**
   * Parses the YAML (or JSON) text of a definition.
   *
   * @param sourceName names the text in errors, usually a file name
   * @throws PipelineValidationException if the text is not YAML or the definition is invalid
   */
  public static PipelineDefinition parse(String yaml, String sourceName, AgentCatalog catalog) {
    requireNonNull(yaml, "yaml");
    requireNonNull(sourceName, "sourceName");
    JsonNode tree;
    try {
      tree = YAML.readTree(yaml);
    } catch (JsonProcessingException e) {
      throw new PipelineValidationException(sourceName, List.of(syntaxError(e)));
    }
    return fromJson(tree, sourceName, catalog);
  }

  /**
   * Maps an already-parsed definition (from API JSON, say) and validates it.
   *
   * @param sourceName names the definition in errors, usually the pipeline name
   * @throws PipelineValidationException if the definition is invalid
   */
  public static PipelineDefinition fromJson(
      JsonNode tree, String sourceName, AgentCatalog catalog) {
    requireNonNull(sourceName, "sourceName");
    requireNonNull(catalog, "catalog");
    if (TreeReader.absent(tree)) {
      throw new PipelineValidationException(
          sourceName,
          List.of(
              new ValidationError(
                  "", "the definition is empty; expected a mapping with at least name and steps")));
    }
    if (!tree.isObject()) {
      throw new PipelineValidationException(
          sourceName,
          List.of(
              new ValidationError(
                  "",
                  "expected a mapping with at least name and steps, got "
                      + TreeReader.describe(tree))));
    }
    PipelineTreeMapper mapper = new PipelineTreeMapper();
    PipelineDefinition definition = mapper.map(tree);
    List<ValidationError> errors = new ArrayList<>(mapper.errors());
    for (ValidationError semantic : PipelineValidator.validate(definition, catalog)) {
      // A value that could not be read shows up as missing; its shape error says it better.
      boolean covered =
          mapper.errors().stream()
              .anyMatch(shape -> DocumentPaths.related(shape.path(), semantic.path()));
      if (!covered) {
        errors.add(semantic);
      }
    }
    if (!errors.isEmpty()) {
      throw new PipelineValidationException(sourceName, errors);
    }
    return definition;
  }

  /**
   * Condenses SnakeYAML's multi-line report ("while parsing X / in 'reader', line 4, column 12 /
   * snippet / expected Y / in 'reader', line 5, column 1 / snippet") into one line, located at the
   * problem's mark, which is the last one.
   */
  private static ValidationError syntaxError(JsonProcessingException e) {
    String report = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
    int repeat = report.indexOf("\n\n");
    if (repeat >= 0) {
      report = report.substring(0, repeat);
    }
    List<String> sentences = new ArrayList<>();
    String where = null;
    for (String line : report.split("\n")) {
      Matcher mark = MARK.matcher(line);
      if (mark.matches()) {
        where = " at line " + mark.group(1) + ", column " + mark.group(2);
      } else if (!line.isBlank() && !Character.isWhitespace(line.charAt(0))) {
        sentences.add(line.strip());
      }
    }
    JsonLocation location = e.getLocation();
    if (where == null && location != null && location.getLineNr() > 0) {
      where = " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }
    return new ValidationError(
        "", "invalid YAML" + (where == null ? "" : where) + ": " + String.join("; ", sentences));
  }
}
