package dev.agenthub.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agenthub.system.TestTools;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The Prometheus and Alertmanager the tests run are the releases the compose stack deploys: the
 * wrapper modules under tools/ (the one place scripts/install-prometheus-tools.sh reads versions
 * from) require the deployed images' releases, and the binaries in .tools/bin report them.
 */
class ToolVersionsTest {

  @Test
  void theToolModulesRequireTheDeployedReleases() {
    // Prometheus publishes release X.Y.Z as Go module version v0.(100X+Y).Z.
    Matcher prometheus =
        Pattern.compile("v0\\.(\\d+)\\.(\\d+)")
            .matcher(required("tools/prometheus/go.mod", "github.com/prometheus/prometheus"));
    assertThat(prometheus.matches()).isTrue();
    int minor = Integer.parseInt(prometheus.group(1));
    String prometheusRelease = minor / 100 + "." + minor % 100 + "." + prometheus.group(2);

    assertThat(prometheusRelease)
        .as("tools/prometheus/go.mod against the prom/prometheus image")
        .isEqualTo(TestTools.deployedVersion("prom/prometheus"));
    assertThat(required("tools/alertmanager/go.mod", "github.com/prometheus/alertmanager"))
        .as("tools/alertmanager/go.mod against the prom/alertmanager image")
        .isEqualTo("v" + TestTools.deployedVersion("prom/alertmanager"));
  }

  @Test
  void theInstalledBinariesAreTheDeployedReleases() {
    // requireDeployed runs each binary's --version and fails (under CI) on any other release.
    assertThat(TestTools.requireDeployed("promtool", "prom/prometheus")).exists();
    assertThat(TestTools.requireDeployed("prometheus", "prom/prometheus")).exists();
    assertThat(TestTools.requireDeployed("amtool", "prom/alertmanager")).exists();
    assertThat(TestTools.requireDeployed("alertmanager", "prom/alertmanager")).exists();
  }

  /** The version of {@code module} that a go.mod requires. */
  private static String required(String goMod, String module) {
    Matcher m =
        Pattern.compile(
                "^\\s*(?:require\\s+)?" + Pattern.quote(module) + "\\s+(v\\S+)", Pattern.MULTILINE)
            .matcher(RepoFiles.read(RepoFiles.path(goMod)));
    assertThat(m.find()).as("%s requires %s", goMod, module).isTrue();
    return m.group(1);
  }
}
