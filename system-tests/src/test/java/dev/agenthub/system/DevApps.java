package dev.agenthub.system;

import dev.agenthub.api.ApiConfiguration;
import dev.agenthub.devkit.AgentHubMain;
import dev.agenthub.devkit.DevCommand;
import dev.agenthub.telemetry.Telemetry;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import java.util.ArrayList;
import java.util.List;

/**
 * The whole application as {@code ./agenthub dev} runs it (embedded Temporal server on a free port,
 * worker, API), for whole-app tests.
 */
public final class DevApps {

  private DevApps() {}

  /** {@code dev} with the YAML at {@code configPath} and {@code overrides}. */
  public static DropwizardTestSupport<ApiConfiguration> support(
      String configPath, ConfigOverride... overrides) {
    List<ConfigOverride> all = new ArrayList<>(List.of(overrides));
    all.add(ConfigOverride.config("temporal.target", "127.0.0.1:" + TestPorts.free()));
    return new DropwizardTestSupport<>(
        AgentHubMain.class,
        configPath,
        (String) null,
        application -> new DevCommand(System.out, Telemetry::start),
        all.toArray(ConfigOverride[]::new));
  }
}
