package dev.agenthub.api.observability;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Proxy;
import org.junit.jupiter.api.Test;

class ServletAttributesTest {

  @Test
  void urlQuery_masksCredentialLikeParameters() {
    HttpServletRequest request =
        (HttpServletRequest)
            Proxy.newProxyInstance(
                getClass().getClassLoader(),
                new Class<?>[] {HttpServletRequest.class},
                (proxy, method, args) ->
                    method.getName().equals("getQueryString")
                        ? "format=temporal&access_token=abc123&api_key=k&pageSize=5"
                        : null);

    assertThat(new ServletAttributes().getUrlQuery(request))
        .isEqualTo("format=temporal&access_token=REDACTED&api_key=REDACTED&pageSize=5");
  }
}
