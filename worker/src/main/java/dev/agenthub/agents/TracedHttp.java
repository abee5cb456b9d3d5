package dev.agenthub.agents;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.context.Context;
import io.opentelemetry.instrumentation.api.instrumenter.AttributesExtractor;
import io.opentelemetry.instrumentation.okhttp.v3_0.OkHttpTelemetry;
import io.opentelemetry.instrumentation.okhttp.v3_0.OkHttpTelemetryBuilder;
import okhttp3.Call;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import okhttp3.Response;

/**
 * Outbound HTTP of agents as OpenTelemetry client spans (HTTP semantic conventions), with the trace
 * context injected as {@code traceparent}. The span is a child of whatever is current: the {@code
 * RunActivity} span, or the {@code chat} span of an LLM call.
 */
public final class TracedHttp {

  static final AttributeKey<String> URL_FULL = AttributeKey.stringKey("url.full");

  private final OkHttpTelemetry telemetry;

  private TracedHttp(OkHttpTelemetry telemetry) {
    this.telemetry = telemetry;
  }

  /** Spans with the request URL as OpenTelemetry records it (credentials and query redacted). */
  public static TracedHttp of(OpenTelemetry openTelemetry) {
    return new TracedHttp(OkHttpTelemetry.builder(openTelemetry).build());
  }

  /**
   * Spans whose {@code url.full} keeps only scheme, host and port: for secret URLs such as Slack
   * webhooks, whose path is the credential.
   */
  public static TracedHttp withSecretUrls(OpenTelemetry openTelemetry) {
    OkHttpTelemetryBuilder builder = OkHttpTelemetry.builder(openTelemetry);
    builder.addAttributesExtractor(new OriginOnlyUrl());
    return new TracedHttp(builder.build());
  }

  /** {@code client}'s calls, traced. */
  public Call.Factory calls(OkHttpClient client) {
    return telemetry.createCallFactory(client);
  }

  /** Replaces {@code url.full} (extractors added later overwrite the built-in ones' keys). */
  private static final class OriginOnlyUrl
      implements AttributesExtractor<Interceptor.Chain, Response> {

    @Override
    public void onStart(AttributesBuilder attributes, Context context, Interceptor.Chain chain) {
      HttpUrl url = chain.request().url();
      attributes.put(
          URL_FULL, url.scheme() + "://" + url.host() + ":" + url.port() + "/" + Secrets.MASK);
    }

    @Override
    public void onEnd(
        AttributesBuilder attributes,
        Context context,
        Interceptor.Chain chain,
        Response response,
        Throwable error) {}
  }
}
