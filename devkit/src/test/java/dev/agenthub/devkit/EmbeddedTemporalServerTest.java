package dev.agenthub.devkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.api.workflowservice.v1.GetSystemInfoRequest;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class EmbeddedTemporalServerTest {

  @Test
  void start_listensOnLoopbackOnly_andServesThere() {
    try (EmbeddedTemporalServer server = EmbeddedTemporalServer.startOn(0)) {
      assertThat(server.listenAddresses())
          .isNotEmpty()
          .allSatisfy(
              address ->
                  assertThat(((InetSocketAddress) address).getAddress().isLoopbackAddress())
                      .isTrue());

      int port = ((InetSocketAddress) server.listenAddresses().get(0)).getPort();
      WorkflowServiceStubs stubs =
          WorkflowServiceStubs.newServiceStubs(
              WorkflowServiceStubsOptions.newBuilder().setTarget("127.0.0.1:" + port).build());
      try {
        assertThat(
                stubs
                    .blockingStub()
                    .getSystemInfo(GetSystemInfoRequest.getDefaultInstance())
                    .hasCapabilities())
            .isTrue();
      } finally {
        stubs.shutdownNow();
      }
    }
  }
}
