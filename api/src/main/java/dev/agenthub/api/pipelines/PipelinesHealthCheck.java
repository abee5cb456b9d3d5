package dev.agenthub.api.pipelines;

import static java.util.Objects.requireNonNull;

import com.codahale.metrics.health.HealthCheck;
import dev.agenthub.dsl.PipelineCatalog;
import dev.agenthub.dsl.ValidationError;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Whether every pipeline file loaded. Unhealthy as soon as one file is invalid, naming each invalid
 * file with its first problem, because a broken file means a pipeline users expect is missing.
 */
public final class PipelinesHealthCheck extends HealthCheck {

  /** The name to register the check under. */
  public static final String NAME = "pipelines";

  private final Supplier<PipelineCatalog> catalog;

  /** Checks a fixed catalog. */
  public PipelinesHealthCheck(PipelineCatalog catalog) {
    requireNonNull(catalog, "catalog");
    this.catalog = () -> catalog;
  }

  /** Checks whichever catalog is current (for catalogs that are reloaded). */
  public PipelinesHealthCheck(Supplier<PipelineCatalog> catalog) {
    this.catalog = requireNonNull(catalog, "catalog");
  }

  @Override
  protected Result check() {
    PipelineCatalog current = catalog.get();
    int valid = current.valid().size();
    Map<String, List<ValidationError>> invalid = current.invalid();
    if (invalid.isEmpty()) {
      return Result.healthy(valid + (valid == 1 ? " pipeline" : " pipelines") + " loaded");
    }
    StringBuilder message =
        new StringBuilder()
            .append(invalid.size())
            .append(invalid.size() == 1 ? " pipeline file is" : " pipeline files are")
            .append(" invalid (")
            .append(valid)
            .append(" valid): ");
    String separator = "";
    for (Map.Entry<String, List<ValidationError>> file : invalid.entrySet()) {
      message.append(separator).append(file.getKey());
      if (!file.getValue().isEmpty()) {
        message.append(": ").append(file.getValue().get(0));
        if (file.getValue().size() > 1) {
          message.append(" (+").append(file.getValue().size() - 1).append(" more)");
        }
      }
      separator = "; ";
    }
    return Result.unhealthy(message.toString());
  }
}
