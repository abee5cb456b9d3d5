package dev.agenthub.devkit;

import io.dropwizard.configuration.ConfigurationException;
import io.dropwizard.configuration.ConfigurationFactory;
import io.dropwizard.core.setup.Bootstrap;
import java.io.IOException;
import java.util.Properties;

/**
 * The configuration {@code run} works with: a {@code --config} file read by Dropwizard's factory,
 * as {@code dev} and {@code server} read theirs, or else the defaults.
 *
 * <p>Without a file, Dropwizard's factory writes a default {@link DevConfiguration} to JSON and
 * binds it back and validates it, which costs {@code run} most of a second at start-up (Hibernate
 * Validator's first use alone is a third of a second). The defaults are built here directly
 * instead, and not validated at run time: they are constants, but for the two directories, which
 * fall back to theirs when their environment variable is blank ({@code ApiConfiguration}), and
 * {@code RunConfigurationTest} pins that they are the factory's defaults and pass its validation.
 * Only when a {@code dw.*} system property overrides a value does the factory build the defaults,
 * since only it applies those overrides.
 */
final class RunConfiguration {

  /** Where Dropwizard's factory reads overrides from ({@code -Ddw.temporal.target=...}). */
  static final String OVERRIDE_PREFIX = "dw";

  private RunConfiguration() {}

  /** Reads {@code file}, or without one ({@code null}) builds the defaults. */
  static DevConfiguration load(Bootstrap<?> anyBootstrap, String file)
      throws IOException, ConfigurationException {
    @SuppressWarnings("unchecked") // run is only registered by the dev kit's command line
    Bootstrap<DevConfiguration> bootstrap = (Bootstrap<DevConfiguration>) anyBootstrap;
    if (file == null && !overridden(System.getProperties())) {
      return new DevConfiguration();
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
