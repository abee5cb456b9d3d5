package dev.agenthub.agents.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agenthub.agents.Agent;
import dev.agenthub.agents.AgentCall;
import dev.agenthub.agents.AgentException;
import dev.agenthub.agents.AgentResult;
import dev.agenthub.agents.AgentsConfiguration;
import dev.agenthub.agents.AttemptControl;
import dev.agenthub.agents.BuiltInAgentSpecs;
import dev.agenthub.agents.HttpBodies;
import dev.agenthub.agents.Secrets;
import dev.agenthub.agents.TracedHttp;
import dev.agenthub.cost.Usage;
import java.io.IOException;
import java.time.Duration;
import java.util.function.Function;
import okhttp3.Call;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * The {@code notify} agent: posts a message to a configured channel, a Slack incoming webhook or a
 * generic JSON webhook. Arguments: {@code text}, and optionally {@code channel} ({@code default}),
 * {@code blocks} (Slack Block Kit), {@code payload} (extra fields for generic webhooks) and {@code
 * allowMentions} (false). Output: {@code {channel, delivered: true}}.
 *
 * <p>On Slack channels, mentions that notify people ({@code <!channel>}, {@code <!here>}, {@code
 * <@U123>}, ...) in {@code text} and {@code blocks} are escaped, since templates may pass run input
 * through; a step that means to ping sets {@code allowMentions: true}.
 *
 * <p>The webhook URL is a secret (anyone holding it can post): it is read from the channel's
 * environment variable at call time and never appears in output, failures or logs. A channel whose
 * variable is unset is skipped rather than failed, so pipelines run in environments without Slack.
 */
public final class NotifyAgent implements Agent {

  private static final long MAX_RESPONSE_BYTES = 64L * 1024;

  /** Whole-exchange timeout of a delivery (never longer than the step's attempt has left). */
  static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

  private final AgentsConfiguration.Notify config;
  private final Function<String, String> environment;
  private final Call.Factory http;

  public NotifyAgent(AgentsConfiguration config, OkHttpClient http) {
    this(config, http, TracedHttp.withSecretUrls(io.opentelemetry.api.OpenTelemetry.noop()));
  }

  public NotifyAgent(AgentsConfiguration config, OkHttpClient http, TracedHttp tracing) {
    this.config = config.getNotify();
    this.environment = config.environment();
    this.http = tracing.calls(http);
  }

  @Override
  public String name() {
    return BuiltInAgentSpecs.NOTIFY.name();
  }

  @Override
  public AgentResult run(AgentCall call) throws AgentException {
    JsonNode args = call.arguments();
    JsonNode text = args.get("text");
    if (text == null || text.isNull() || text.asText().isBlank()) {
      throw AgentException.configError("argument `text` is required");
    }
    String channelName = args.path("channel").asText(config.defaultChannel());
    AgentsConfiguration.Channel channel = config.channels().get(channelName);
    if (channel == null) {
      throw AgentException.configError(
          "unknown notify channel \""
              + channelName
              + "\"; configured: "
              + config.channels().keySet());
    }
    String secretUrl = channel.resolveUrl(environment);
    if (secretUrl == null || secretUrl.isBlank()) {
      return AgentResult.skipped("no webhook configured for channel \"" + channelName + "\"");
    }
    HttpUrl url = HttpUrl.parse(secretUrl.strip());
    if (url == null) {
      throw AgentException.configError(
          channel.source()
              + " of channel \""
              + channelName
              + "\" does not hold an http or https URL");
    }
    ObjectNode payload =
        channel.type() == AgentsConfiguration.ChannelType.SLACK
            ? slackPayload(text, args, allowMentions(args))
            : webhookPayload(text, args, call);
    deliver(
        url,
        payload,
        channelName,
        channel.type(),
        call.request().idempotencyKey(),
        secretUrl,
        call.control());
    ObjectNode output =
        HttpBodies.JSON.createObjectNode().put("channel", channelName).put("delivered", true);
    return AgentResult.of(output, Usage.NONE);
  }

  private static boolean allowMentions(JsonNode args) throws AgentException {
    JsonNode value = args.get("allowMentions");
    if (value == null || value.isNull()) {
      return false;
    }
    if (!value.isBoolean()) {
      throw AgentException.configError("argument `allowMentions` must be true or false");
    }
    return value.booleanValue();
  }

  private static ObjectNode slackPayload(JsonNode text, JsonNode args, boolean allowMentions)
      throws AgentException {
    String message = text.asText();
    ObjectNode payload =
        HttpBodies.JSON
            .createObjectNode()
            .put("text", allowMentions ? message : SlackMentions.escape(message));
    JsonNode blocks = args.get("blocks");
    if (blocks != null && !blocks.isNull()) {
      if (!blocks.isArray()) {
        throw AgentException.configError("argument `blocks` must be a list of Slack blocks");
      }
      payload.set("blocks", allowMentions ? blocks : SlackMentions.escape(blocks));
    }
    return payload;
  }

  private static ObjectNode webhookPayload(JsonNode text, JsonNode args, AgentCall call)
      throws AgentException {
    ObjectNode payload =
        HttpBodies.JSON
            .createObjectNode()
            .put("text", text.asText())
            .put("pipeline", call.request().pipeline())
            .put("step", call.request().stepId());
    JsonNode extra = args.get("payload");
    if (extra != null && !extra.isNull()) {
      if (!extra.isObject()) {
        throw AgentException.configError("argument `payload` must be a map");
      }
      payload.setAll((ObjectNode) extra);
    }
    return payload;
  }

  private void deliver(
      HttpUrl url,
      ObjectNode payload,
      String channelName,
      AgentsConfiguration.ChannelType type,
      String idempotencyKey,
      String secretUrl,
      AttemptControl control)
      throws AgentException {
    String where = "channel \"" + channelName + "\"";
    try {
      Request.Builder request = new Request.Builder().url(url).post(HttpBodies.json(payload));
      if (idempotencyKey != null) {
        request.header("Idempotency-Key", idempotencyKey);
      }
      try (Response response = control.execute(http.newCall(request.build()), REQUEST_TIMEOUT)) {
        String body = HttpBodies.readText(response.body(), MAX_RESPONSE_BYTES);
        if (!response.isSuccessful()) {
          // Slack answers errors as plain codes (invalid_payload, channel_not_found, no_service).
          throw AgentException.forStatus(
              response.code(),
              Secrets.redact(
                  where
                      + " rejected the message: HTTP "
                      + response.code()
                      + " "
                      + HttpBodies.errorSnippet(body),
                  secretUrl,
                  url.toString()));
        }
        if (type == AgentsConfiguration.ChannelType.SLACK
            && !body.isBlank()
            && !body.strip().equals("ok")) {
          throw AgentException.clientError(
              Secrets.redact(
                  where + " did not accept the message: " + HttpBodies.errorSnippet(body),
                  secretUrl,
                  url.toString()));
        }
      }
    } catch (IOException e) {
      // The exception's message can name the webhook's host or path; report only its kind.
      throw AgentException.remoteError(
          "could not deliver to " + where + ": " + e.getClass().getSimpleName());
    }
  }
}
