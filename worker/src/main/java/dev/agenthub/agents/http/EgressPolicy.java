package dev.agenthub.agents.http;

import static java.util.Objects.requireNonNull;

import dev.agenthub.agents.AgentsConfiguration;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Proxy;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import okhttp3.Connection;
import okhttp3.ConnectionPool;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import okhttp3.Response;

/**
 * Where the {@code http} agent may connect, from {@code agents.http.egress}. By default only public
 * addresses are reachable: loopback, link-local (cloud metadata), private, multicast and
 * unspecified addresses are refused unless an allowed CIDR covers them (or, for loopback, {@code
 * allowLoopback}). Hosts, schemes and ports can be narrowed further.
 *
 * <p>The check is on addresses, not URL strings: {@link #enforceOn} makes a client whose DNS
 * lookups, socket connects and network requests are each checked, so a name that resolves to an
 * internal address, a redirect to one, and a name whose answer changes between lookups (DNS
 * rebinding) are all refused before a request is sent.
 */
public final class EgressPolicy {

  private final Set<String> schemes;
  private final Set<Integer> ports;
  private final List<String> allowedHosts;
  private final List<Cidr> allowedCidrs;
  private final boolean allowLoopback;

  private EgressPolicy(AgentsConfiguration.Egress config) {
    this.schemes = Set.copyOf(config.schemes());
    this.ports = Set.copyOf(config.ports());
    this.allowedHosts = config.allowedHosts().stream().map(EgressPolicy::canonicalHost).toList();
    this.allowedCidrs = config.allowedCidrs().stream().map(Cidr::parse).toList();
    this.allowLoopback = Boolean.TRUE.equals(config.allowLoopback());
  }

  /** The policy {@code config} describes; an unset {@code allowLoopback} means false. */
  public static EgressPolicy from(AgentsConfiguration.Egress config) {
    return new EgressPolicy(requireNonNull(config, "config"));
  }

  /** The default policy: public addresses only, over http or https, on any port. */
  public static EgressPolicy publicOnly() {
    return from(AgentsConfiguration.Egress.DEFAULT);
  }

  /**
   * {@code client} with this policy enforced on every connection: DNS answers, the address each
   * socket connects to, and every request including redirects. It gets its own connection pool (a
   * connection opened for another agent is never reused) and no proxy (through a proxy the policy
   * would see the proxy's address, not the target's).
   */
  public OkHttpClient enforceOn(OkHttpClient client) {
    return client
        .newBuilder()
        .proxy(Proxy.NO_PROXY)
        .connectionPool(new ConnectionPool())
        .dns(new EgressDns(this, client.dns()))
        .socketFactory(new EgressSocketFactory(this))
        .addNetworkInterceptor(this::checkExchange)
        .build();
  }

  /** Checks a URL's scheme, host and port before any lookup. */
  void checkUrl(HttpUrl url) throws EgressDeniedException {
    if (!schemes.contains(url.scheme())) {
      throw new EgressDeniedException(
          "egress denied: scheme " + url.scheme() + " is not allowed (host " + url.host() + ")");
    }
    checkHost(url.host());
    checkPort(url.host(), url.port());
  }

  /** Refuses a host outside {@code allowedHosts}, when that list is not empty. */
  void checkHost(String host) throws EgressDeniedException {
    if (allowedHosts.isEmpty()) {
      return;
    }
    String candidate = canonicalHost(host);
    for (String allowed : allowedHosts) {
      if (allowed.startsWith("*.")
          ? candidate.endsWith(allowed.substring(1))
          : candidate.equals(allowed)) {
        return;
      }
    }
    throw new EgressDeniedException("egress denied: host " + host + " is not in allowedHosts");
  }

  /** Refuses a port outside {@code ports}, when that list is not empty. */
  void checkPort(String host, int port) throws EgressDeniedException {
    if (!ports.isEmpty() && !ports.contains(port)) {
      throw new EgressDeniedException(
          "egress denied: port " + port + " is not allowed (host " + host + ")");
    }
  }

  /** Refuses {@code address} (of {@code host}) when its class is refused and no CIDR allows it. */
  void checkAddress(String host, InetAddress address) throws EgressDeniedException {
    AddressClass kind = AddressClass.of(address);
    if (kind == AddressClass.PUBLIC || kind == AddressClass.LOOPBACK && allowLoopback) {
      return;
    }
    for (Cidr cidr : allowedCidrs) {
      if (cidr.contains(address)) {
        return;
      }
    }
    // A resolved address stays out of the message: it would map internal names for the caller.
    boolean literal = isIpLiteral(host);
    throw new EgressDeniedException(
        "egress denied: host "
            + (literal ? canonicalHost(host) : host)
            + (literal ? " is " : " resolves to ")
            + kind.withArticle()
            + " address");
  }

  /** The network interceptor: every request, on the connection it is about to be sent on. */
  private Response checkExchange(Interceptor.Chain chain) throws IOException {
    HttpUrl url = chain.request().url();
    checkUrl(url);
    Connection connection = chain.connection();
    if (connection != null) {
      InetAddress address = connection.route().socketAddress().getAddress();
      checkAddress(url.host(), address);
    }
    return chain.proceed(chain.request());
  }

  private static boolean isIpLiteral(String host) {
    return host.contains(":") || host.matches("[0-9.]+");
  }

  /** Lower case, no trailing dot, IP literals in OkHttp's form ({@code ::1}, not {@code [::1]}). */
  private static String canonicalHost(String host) {
    String lower = host.trim().toLowerCase(Locale.ROOT);
    if (lower.startsWith("[") && lower.endsWith("]")) {
      lower = lower.substring(1, lower.length() - 1);
    }
    if (lower.endsWith(".")) {
      lower = lower.substring(0, lower.length() - 1);
    }
    if (!isIpLiteral(lower)) {
      return lower;
    }
    HttpUrl url = HttpUrl.parse("http://" + (lower.contains(":") ? "[" + lower + "]" : lower));
    return url != null ? url.host() : lower;
  }
}
