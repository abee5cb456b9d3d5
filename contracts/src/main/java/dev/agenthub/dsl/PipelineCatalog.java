package dev.agenthub.dsl;

import static java.util.Objects.requireNonNull;

import dev.agenthub.agents.AgentCatalog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The pipelines of a directory: every {@code *.yml} and {@code *.yaml} file in it (not in
 * subdirectories), read in file-name order. Files that fail to load are kept with their errors in
 * {@link #invalid()}, never dropped silently; a pipeline name already taken by an earlier file
 * makes the later file invalid. Thread-safe once loaded.
 */
public final class PipelineCatalog {

  private final Map<String, PipelineDefinition> valid;
  private final Map<String, List<ValidationError>> invalid;
  private final Map<String, InputValidator> inputValidators = new ConcurrentHashMap<>();

  private PipelineCatalog(
      Map<String, PipelineDefinition> valid, Map<String, List<ValidationError>> invalid) {
    this.valid = Collections.unmodifiableMap(valid);
    this.invalid = Collections.unmodifiableMap(invalid);
  }

  /**
   * Loads every pipeline file in {@code dir}. The files are read and validated in parallel (each on
   * its own); names are then taken in file-name order, so the result is the same as one by one.
   *
   * @throws UncheckedIOException if {@code dir} cannot be listed
   */
  public static PipelineCatalog loadDirectory(Path dir, AgentCatalog catalog) {
    requireNonNull(dir, "dir");
    requireNonNull(catalog, "catalog");
    Map<String, PipelineDefinition> valid = new LinkedHashMap<>();
    Map<String, String> fileOfName = new LinkedHashMap<>();
    Map<String, List<ValidationError>> invalid = new LinkedHashMap<>();
    List<Path> files = pipelineFiles(dir);
    List<LoadedFile> loaded = files.parallelStream().map(file -> load(file, catalog)).toList();
    for (LoadedFile file : loaded) {
      if (file.definition() == null) {
        invalid.put(file.name(), file.errors());
        continue;
      }
      PipelineDefinition definition = file.definition();
      String firstFile = fileOfName.putIfAbsent(definition.name(), file.name());
      if (firstFile != null) {
        invalid.put(
            file.name(),
            List.of(
                new ValidationError(
                    "name",
                    "duplicate pipeline name \""
                        + definition.name()
                        + "\" (already defined in "
                        + firstFile
                        + ")")));
      } else {
        valid.put(definition.name(), definition);
      }
    }
    ChildPipelineChecks.crossCheck(valid.values())
        .forEach(
            (name, errors) -> {
              valid.remove(name);
              invalid.put(fileOfName.get(name), errors);
            });
    return new PipelineCatalog(valid, invalid);
  }

  private static List<Path> pipelineFiles(Path dir) {
    try {
      return new ArrayList<>(YamlFiles.in(dir));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list pipeline directory " + dir, e);
    }
  }

  /** One file's definition, or the errors that kept it from loading. */
  private record LoadedFile(
      String name, PipelineDefinition definition, List<ValidationError> errors) {}

  private static LoadedFile load(Path file, AgentCatalog catalog) {
    String name = file.getFileName().toString();
    try {
      return new LoadedFile(name, PipelineLoader.load(file, catalog), List.of());
    } catch (PipelineValidationException e) {
      return new LoadedFile(name, null, e.errors());
    } catch (UncheckedIOException e) {
      return new LoadedFile(
          name,
          null,
          List.of(new ValidationError("", "cannot read file: " + e.getCause().getMessage())));
    }
  }

  /** The pipelines that loaded, in file-name order. */
  public List<PipelineDefinition> valid() {
    return List.copyOf(valid.values());
  }

  /** The valid pipeline named {@code name}, if any. */
  public Optional<PipelineDefinition> find(String name) {
    return Optional.ofNullable(valid.get(name));
  }

  /**
   * The pipelines {@code pipeline}'s {@code pipeline:} steps run, and theirs in turn, by name: the
   * snapshot a run of it carries so that its children run the definitions of its start.
   */
  public Map<String, PipelineDefinition> descendants(PipelineDefinition pipeline) {
    Map<String, PipelineDefinition> found = new LinkedHashMap<>();
    List<String> pending = new ArrayList<>(ChildPipelineChecks.children(pipeline));
    while (!pending.isEmpty()) {
      String name = pending.remove(0);
      PipelineDefinition child = valid.get(name);
      if (child != null && found.putIfAbsent(name, child) == null) {
        pending.addAll(ChildPipelineChecks.children(child));
      }
    }
    return found;
  }

  /** The files that did not load, by file name, with every problem found in each. */
  public Map<String, List<ValidationError>> invalid() {
    return invalid;
  }

  /**
   * One line per file that did not load, in file-name order: the file, its first problem, and how
   * many more there are ({@code broken.yml: steps[0].agent: unknown agent "lm" (and 2 more)}).
   */
  public List<String> invalidSummaries() {
    return invalid.entrySet().stream()
        .map(
            e -> {
              List<ValidationError> errors = e.getValue();
              String first = errors.isEmpty() ? "invalid" : errors.get(0).toString();
              return e.getKey()
                  + ": "
                  + first
                  + (errors.size() > 1 ? " (and " + (errors.size() - 1) + " more)" : "");
            })
        .toList();
  }

  /**
   * The input validator of pipeline {@code name}, compiled on first use and then reused.
   *
   * @throws NoSuchElementException if there is no valid pipeline of that name
   */
  public InputValidator inputValidator(String name) {
    PipelineDefinition definition =
        find(name).orElseThrow(() -> new NoSuchElementException("no pipeline named " + name));
    return inputValidators.computeIfAbsent(name, n -> InputValidator.forSchema(definition.input()));
  }
}
