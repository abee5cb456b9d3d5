package dev.agenthub.devkit;

import io.dropwizard.configuration.ConfigurationException;
import io.dropwizard.configuration.ConfigurationFactory;
import io.dropwizard.configuration.ConfigurationValidationException;
import io.dropwizard.core.setup.Bootstrap;
import jakarta.validation.ConstraintViolation;
import java.io.IOException;
import java.util.Properties;
import java.util.Set;

/**
 * The configuration {@code run} works with: a {@code --config} file read by Dropwizard's factory,
 * as {@code dev} and {@code server} read theirs, or else the defaults.
 *
 * <p>Without a file, Dropwizard's factory writes a default {@link DevConfiguration} to JSON and
 * binds it back, which costs {@code run} about half a second at start-up. The defaults are built
 * here directly instead and validated as the factory validates them: the object is the same (pinned
 * by {@code RunConfigurationTest}), and so is the error when an environment variable the defaults
 * read makes them invalid. Only when a {@code dw.*} system property overrides a value does the
 * factory build the defaults, since only it applies those overrides.
 */
final class RunConfiguration {

  /** Where Dropwizard's factory reads overrides from ({@code -Ddw.temporal.target=...}). */
  static final String OVERRIDE_PREFIX = "dw";

  /** What Dropwizard's factory calls the defaults in its errors. */
  private static final String DEFAULTS = "default configuration";

  private RunConfiguration() {}

  /** Reads {@code file}, or without one ({@code null}) builds the validated defaults. */
  static DevConfiguration load(Bootstrap<?> anyBootstrap, String file)
      throws IOException, ConfigurationException {
    @SuppressWarnings("unchecked") // run is only registered by the dev kit's command line
    Bootstrap<DevConfiguration> bootstrap = (Bootstrap<DevConfiguration>) anyBootstrap;
    if (file == null && !overridden(System.getProperties())) {
      DevConfiguration defaults = new DevConfiguration();
      Set<ConstraintViolation<DevConfiguration>> violations =
          bootstrap.getValidatorFactory().getValidator().validate(defaults);
      if (!violations.isEmpty()) {
        throw new ConfigurationValidationException(DEFAULTS, violations);
      }
      return defaults;
    }
    ConfigurationFactory<DevConfiguration> factory = factory(bootstrap);
    return file == null
        ? factory.build()
        : factory.build(bootstrap.getConfigurationSourceProvider(), file);
  }

  /** Dropwizard's factory for {@link DevConfiguration}, as {@code dev} and {@code server} use. */
  static ConfigurationFactory<DevConfiguration> factory(Bootstrap<DevConfiguration> bootstrap) {
    return bootstrap
        .getConfigurationFactoryFactory()
        .create(
            DevConfiguration.class,
            bootstrap.getValidatorFactory().getValidator(),
            bootstrap.getObjectMapper(),
            OVERRIDE_PREFIX);
  }

  /** Whether a system property overrides a configuration value for Dropwizard's factory. */
  static boolean overridden(Properties properties) {
    return properties.stringPropertyNames().stream()
        .anyMatch(name -> name.startsWith(OVERRIDE_PREFIX + "."));
  }
}
