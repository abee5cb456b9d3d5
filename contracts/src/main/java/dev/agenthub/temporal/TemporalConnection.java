package dev.agenthub.temporal;

import com.uber.m3.tally.Scope;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.common.interceptors.WorkflowClientInterceptor;
import io.temporal.serviceclient.SimpleSslContextBuilder;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A connection to Temporal: service stubs plus a {@link WorkflowClient} on them. Closing it shuts
 * the stubs down; it is idempotent.
 */
public final class TemporalConnection implements AutoCloseable {

  private final TemporalSettings settings;
  private final WorkflowServiceStubs stubs;
  private final WorkflowClient client;

  private TemporalConnection(
      TemporalSettings settings, WorkflowServiceStubs stubs, WorkflowClient client) {
    this.settings = settings;
    this.stubs = stubs;
    this.client = client;
  }

  /**
   * Connects lazily (the first RPC dials), reporting SDK metrics to {@code metricsScope} and
   * tracing client calls through {@code interceptors} (both come from the process's telemetry).
   */
  public static TemporalConnection open(
      TemporalSettings settings, Scope metricsScope, List<WorkflowClientInterceptor> interceptors) {
    WorkflowServiceStubs stubs =
        WorkflowServiceStubs.newServiceStubs(
            stubsOptions(settings).setMetricsScope(metricsScope).build());
    WorkflowClient client =
        WorkflowClient.newInstance(
            stubs,
            WorkflowClientOptions.newBuilder()
                .setNamespace(settings.namespace())
                .setInterceptors(interceptors.toArray(WorkflowClientInterceptor[]::new))
                .build());
    return new TemporalConnection(settings, stubs, client);
  }

  public TemporalSettings settings() {
    return settings;
  }

  public WorkflowServiceStubs stubs() {
    return stubs;
  }

  public WorkflowClient client() {
    return client;
  }

  @Override
  public void close() {
    if (!stubs.isShutdown()) {
      stubs.shutdown();
    }
  }

  private static WorkflowServiceStubsOptions.Builder stubsOptions(TemporalSettings settings) {
    WorkflowServiceStubsOptions.Builder options =
        WorkflowServiceStubsOptions.newBuilder().setTarget(settings.target());
    if (settings.tls() != null) {
      options.setSslContext(sslContext(settings.tls()));
    } else if (settings.apiKey() != null) {
      options.setEnableHttps(true);
    }
    if (settings.apiKey() != null) {
      String key = settings.apiKey();
      options.addApiKey(() -> key);
    }
    return options;
  }

  private static io.grpc.netty.shaded.io.netty.handler.ssl.SslContext sslContext(
      TemporalSettings.TlsSettings tls) {
    try (InputStream cert = Files.newInputStream(Path.of(tls.clientCertFile()));
        InputStream key = Files.newInputStream(Path.of(tls.clientKeyFile()))) {
      SimpleSslContextBuilder builder = SimpleSslContextBuilder.forPKCS8(cert, key);
      if (tls.caFile() != null) {
        builder.setTrustManager(trustManagerFor(Path.of(tls.caFile())));
      }
      return builder.build();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read Temporal TLS files", e);
    }
  }

  private static javax.net.ssl.TrustManager trustManagerFor(Path caFile) throws IOException {
    try (InputStream ca = Files.newInputStream(caFile)) {
      var certificates =
          java.security.cert.CertificateFactory.getInstance("X.509").generateCertificates(ca);
      var keyStore = java.security.KeyStore.getInstance(java.security.KeyStore.getDefaultType());
      keyStore.load(null, null);
      int i = 0;
      for (var certificate : certificates) {
        keyStore.setCertificateEntry("ca-" + i++, certificate);
      }
      var factory =
          javax.net.ssl.TrustManagerFactory.getInstance(
              javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
      factory.init(keyStore);
      return factory.getTrustManagers()[0];
    } catch (java.security.GeneralSecurityException e) {
      throw new IOException("invalid CA file " + caFile, e);
    }
  }
}
