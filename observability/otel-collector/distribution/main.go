// Program agenthub-otelcol is the OpenTelemetry Collector with exactly the components that
// observability/otel-collector/config.yaml uses, and nothing else. It follows the code the
// collector builder (ocb) generates; go.mod pins every module to one collector release
// (core v0.165.0 / v1.71.0, contrib v0.165.1), the same release as the compose stack's image.
//
// Build: scripts/install-otelcol.sh (into .tools/bin/otelcol).
package main

import (
	"os"

	"go.opentelemetry.io/collector/component"
	"go.opentelemetry.io/collector/confmap"
	"go.opentelemetry.io/collector/confmap/provider/envprovider"
	"go.opentelemetry.io/collector/confmap/provider/fileprovider"
	"go.opentelemetry.io/collector/confmap/provider/yamlprovider"
	"go.opentelemetry.io/collector/otelcol"
)

// version is set at build time (-ldflags "-X main.version=...").
var version = "v0.165.0"

func main() {
	settings := otelcol.CollectorSettings{
		BuildInfo: component.BuildInfo{
			Command:     "otelcol",
			Description: "Agent Hub's OpenTelemetry Collector (the components of observability/otel-collector/config.yaml)",
			Version:     version,
		},
		Factories: components,
		ConfigProviderSettings: otelcol.ConfigProviderSettings{
			ResolverSettings: confmap.ResolverSettings{
				ProviderFactories: []confmap.ProviderFactory{
					envprovider.NewFactory(),
					fileprovider.NewFactory(),
					yamlprovider.NewFactory(),
				},
			},
		},
	}
	// cobra has already printed the error.
	if err := otelcol.NewCommand(settings).Execute(); err != nil {
		os.Exit(1)
	}
}
