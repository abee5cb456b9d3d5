package dev.agenthub.agents.http;

import static dev.agenthub.agents.AgentCalls.call;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.agenthub.agents.AgentException;
import dev.agenthub.agents.AgentResult;
import dev.agenthub.agents.AgentsConfiguration;
import dev.agenthub.run.FailureTypes;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.Dns;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HttpAgentEgressTest {

  /** The default policy plus loopback: what tests against a local mock server need. */
  static final EgressPolicy LOOPBACK =
      EgressPolicy.from(new AgentsConfiguration.Egress(null, null, null, null, true));

  /**
   * Test names: never sent to a real resolver. Nothing in these tests connects anywhere but the
   * mock server on 127.0.0.1, since refused addresses are refused before the socket connects.
   */
  private static final Dns NAMES =
      host -> {
        List<String> addresses =
            Map.of(
                    "api.example.test", List.of("127.0.0.1"),
                    "other.example.test", List.of("127.0.0.1"),
                    "internal.example.test", List.of("10.0.0.7"),
                    "metadata.example.test", List.of("169.254.169.254"),
                    "mixed.example.test", List.of("93.184.216.34", "127.0.0.1"))
                .get(host);
        if (addresses == null) {
          throw new UnknownHostException(host);
        }
        return addresses.stream().map(HttpAgentEgressTest::address).toList();
      };

  private final MockWebServer server = new MockWebServer();

  @BeforeEach
  void start() throws Exception {
    server.start(InetAddress.getByName("127.0.0.1"), 0);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @ParameterizedTest(name = "{0} is {1} address")
  @CsvSource({
    "127.0.0.1, a loopback",
    "[::1], a loopback",
    "169.254.169.254, a link-local",
    "[fe80::1], a link-local",
    "10.0.0.1, a private",
    "172.16.0.1, a private",
    "192.168.1.1, a private",
    "[fd00::1], a private",
    "224.0.0.1, a multicast",
    "[ff02::1], a multicast",
    "0.0.0.0, an unspecified",
    "[::], an unspecified"
  })
  void run_refusesEachAddressClass_byDefault(String host, String kind) {
    AgentException failure =
        failure(EgressPolicy.publicOnly(), new OkHttpClient(), "http://" + host + ":8080/x");

    assertDenied(failure)
        .contains("host " + host.replace("[", "").replace("]", "") + " is " + kind + " address");
  }

  @Test
  void run_refusesANameThatResolvesToLoopback() {
    AgentException failure =
        failure(EgressPolicy.publicOnly(), new OkHttpClient(), serverUrl("localhost", "/"));

    assertDenied(failure).contains("host localhost resolves to a loopback address");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void run_refusesANameWithAnyRefusedRecord() {
    AgentException failure =
        failure(EgressPolicy.publicOnly(), withNames(), "http://mixed.example.test/");

    assertDenied(failure).contains("host mixed.example.test resolves to a loopback address");
  }

  @Test
  void run_refusesANameThatResolvesToLinkLocal_withoutTheAddressInTheMessage() {
    AgentException failure =
        failure(
            EgressPolicy.publicOnly(),
            withNames(),
            "http://user:secret@metadata.example.test/latest?token=secret");

    assertDenied(failure)
        .contains("host metadata.example.test resolves to a link-local address")
        .doesNotContain("169.254")
        .doesNotContain("secret");
  }

  @Test
  void run_refusesARedirectToAPrivateName() {
    server.enqueue(redirectTo("http://internal.example.test/admin"));

    AgentException failure = failure(LOOPBACK, withNames(), serverUrl("api.example.test", "/"));

    assertDenied(failure).contains("host internal.example.test resolves to a private address");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void run_refusesARedirectToAMetadataAddress() {
    server.enqueue(redirectTo("http://169.254.169.254/latest/meta-data/"));

    AgentException failure = failure(LOOPBACK, new OkHttpClient(), serverUrl("127.0.0.1", "/"));

    assertDenied(failure).contains("host 169.254.169.254 is a link-local address");
  }

  @Test
  void run_allowsAnAllowlistedCidr() throws Exception {
    server.enqueue(new MockResponse.Builder().code(200).body("ok").build());
    EgressPolicy policy =
        EgressPolicy.from(
            new AgentsConfiguration.Egress(null, null, null, List.of("127.0.0.0/8"), null));

    AgentResult result =
        agent(policy, new OkHttpClient()).run(call(args(serverUrl("127.0.0.1", "/"))));

    assertThat(result.output().get("status").asInt()).isEqualTo(200);
  }

  @Test
  void run_allowsOnlyAllowlistedHosts_whenHostsAreListed() throws Exception {
    server.enqueue(new MockResponse.Builder().code(200).body("ok").build());
    EgressPolicy policy =
        EgressPolicy.from(
            new AgentsConfiguration.Egress(
                null, null, List.of("*.example.test"), List.of("127.0.0.1"), null));
    EgressPolicy narrower =
        EgressPolicy.from(
            new AgentsConfiguration.Egress(
                null, null, List.of("api.example.test"), List.of("127.0.0.1"), null));

    AgentResult result =
        agent(policy, withNames()).run(call(args(serverUrl("api.example.test", "/"))));
    AgentException failure = failure(narrower, withNames(), serverUrl("other.example.test", "/"));

    assertThat(result.output().get("status").asInt()).isEqualTo(200);
    assertDenied(failure).contains("host other.example.test is not in allowedHosts");
  }

  @Test
  void run_refusesSchemesAndPortsOutsideTheLists() {
    EgressPolicy httpsOnly =
        EgressPolicy.from(
            new AgentsConfiguration.Egress(List.of("https"), List.of(443), null, null, true));

    assertDenied(failure(httpsOnly, new OkHttpClient(), serverUrl("127.0.0.1", "/")))
        .contains("scheme http is not allowed");
    assertDenied(failure(httpsOnly, new OkHttpClient(), "https://127.0.0.1:8443/"))
        .contains("port 8443 is not allowed");
  }

  @Test
  void run_allowsLoopbackInDevelopment_andRefusesItInTheWorker() throws Exception {
    server.enqueue(new MockResponse.Builder().code(200).body("ok").build());
    AgentsConfiguration worker = new AgentsConfiguration();
    EgressPolicy dev = EgressPolicy.from(worker.forDevelopment().getHttp().egress());

    AgentResult result =
        agent(dev, new OkHttpClient()).run(call(args(serverUrl("localhost", "/"))));
    AgentException refused =
        failure(
            EgressPolicy.from(worker.getHttp().egress()),
            new OkHttpClient(),
            serverUrl("localhost", "/"));

    assertThat(result.output().get("status").asInt()).isEqualTo(200);
    assertDenied(refused).contains("loopback");
  }

  @Test
  void forDevelopment_keepsAnExplicitAllowLoopback() {
    AgentsConfiguration config = new AgentsConfiguration();
    config.setHttp(
        new AgentsConfiguration.Http(
            new AgentsConfiguration.Egress(null, null, null, null, false), null));

    assertThat(config.forDevelopment().getHttp().egress().allowLoopback()).isFalse();
    assertThat(new AgentsConfiguration().getHttp().egress().allowLoopback()).isNull();
  }

  private String serverUrl(String host, String path) {
    HttpUrl url = server.url(path).newBuilder().host(host).build();
    return url.toString();
  }

  private static HttpAgent agent(EgressPolicy policy, OkHttpClient client) {
    return new HttpAgent(client, policy);
  }

  private static AgentException failure(EgressPolicy policy, OkHttpClient client, String url) {
    return catchThrowableOfType(
        AgentException.class, () -> agent(policy, client).run(call(args(url))));
  }

  private static org.assertj.core.api.AbstractStringAssert<?> assertDenied(AgentException failure) {
    assertThat(failure).isNotNull();
    assertThat(failure.type()).isEqualTo(FailureTypes.AGENT_EGRESS_DENIED);
    assertThat(failure.retryable()).isFalse();
    return assertThat(failure.getMessage()).contains("egress denied");
  }

  private static String args(String url) {
    return "{\"url\": \"" + url + "\", \"timeout\": \"5s\"}";
  }

  private static OkHttpClient withNames() {
    return new OkHttpClient.Builder().dns(NAMES).build();
  }

  private static MockResponse redirectTo(String location) {
    return new MockResponse.Builder().code(302).addHeader("Location", location).build();
  }

  private static InetAddress address(String literal) {
    try {
      return InetAddress.getByName(literal);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(literal, e);
    }
  }
}
