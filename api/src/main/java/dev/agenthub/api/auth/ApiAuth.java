package dev.agenthub.api.auth;

import static java.util.Objects.requireNonNull;

import io.dropwizard.auth.AuthDynamicFeature;
import io.dropwizard.auth.AuthValueFactoryProvider;
import io.dropwizard.auth.oauth.OAuthCredentialAuthFilter;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.jersey.setup.JerseyEnvironment;
import java.util.List;
import org.glassfish.jersey.server.filter.RolesAllowedDynamicFeature;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bearer API-key authentication with roles for the API. Resources opt in with
 * {@code @RolesAllowed("viewer" | "operator" | "admin")} (meaning "at least") and may take the
 * caller as {@code @Auth ApiPrincipal}. Resources without a security annotation are not protected.
 */
public final class ApiAuth {

  /** The realm in {@code WWW-Authenticate} challenges. */
  public static final String REALM = "agenthub";

  private static final Logger log = LoggerFactory.getLogger(ApiAuth.class);

  private ApiAuth() {}

  /** Registers authentication and role checks with the application's Jersey environment. */
  public static void register(Environment environment, AuthConfiguration config) {
    register(environment.jersey(), config);
  }

  /** Registers authentication and role checks with {@code jersey}. */
  public static void register(JerseyEnvironment jersey, AuthConfiguration config) {
    requireNonNull(jersey, "jersey");
    for (Object provider : providers(config)) {
      jersey.register(provider);
    }
  }

  /**
   * The Jersey components {@link #register} adds, for tests that assemble Jersey themselves
   * (Dropwizard's {@code ResourceExtension.builder().addProvider(...)}).
   */
  public static List<Object> providers(AuthConfiguration config) {
    requireNonNull(config, "config");
    ApiKeyAuthenticator authenticator = new ApiKeyAuthenticator(config);
    for (ApiKeyConfiguration key : config.getKeys()) {
      if (!key.isEnabled()) {
        log.warn(
            "API key \"{}\" has no value (unset environment variable?); disabled", key.getName());
      }
    }
    if (authenticator.keyCount() == 0) {
      log.warn("no API keys configured (auth.keys); every API request will be refused with 401");
    }
    OAuthCredentialAuthFilter<ApiPrincipal> filter =
        new OAuthCredentialAuthFilter.Builder<ApiPrincipal>()
            .setAuthenticator(authenticator)
            .setAuthorizer(new RoleAuthorizer())
            .setPrefix("Bearer")
            .setRealm(REALM)
            .setUnauthorizedHandler(new JsonUnauthorizedHandler())
            .buildAuthFilter();
    return List.of(
        new QueryTokenRejectingFilter(),
        new AuthDynamicFeature(filter),
        RolesAllowedDynamicFeature.class,
        new AuthValueFactoryProvider.Binder<>(ApiPrincipal.class));
  }
}
