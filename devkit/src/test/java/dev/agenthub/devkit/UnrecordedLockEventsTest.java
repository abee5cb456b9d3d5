package dev.agenthub.devkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.common.v1.WorkflowType;
import io.temporal.api.taskqueue.v1.TaskQueue;
import io.temporal.api.workflowservice.v1.StartWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.TerminateWorkflowExecutionRequest;
import io.temporal.internal.testservice.TestServicesStarter;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.lang.reflect.Field;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class UnrecordedLockEventsTest {

  @Test
  @SuppressWarnings("unchecked")
  void install_replacesTheLog_withOneWhoseAddsAndRemovalsSucceedAndRecordNothing()
      throws Exception {
    TestServicesStarter services = new TestServicesStarter(true, 0);
    try {
      UnrecordedLockEvents.install(services);
      List<Object> events = (List<Object>) lockEvents(services);
      Object event = new Object();

      assertThat(events).isInstanceOf(UnrecordedLockEvents.class);
      assertThat(events.add(event)).isTrue();
      assertThat(events).isEmpty();
      assertThat(events.remove(event)).isTrue();
    } finally {
      services.close();
    }
  }

  @Test
  void embeddedServer_afterWorkflowsStartAndEnd_keepsNoLockEvents() throws Exception {
    try (EmbeddedTemporalServer server = EmbeddedTemporalServer.startOn(0)) {
      int port = ((InetSocketAddress) server.listenAddresses().get(0)).getPort();
      WorkflowServiceStubs stubs =
          WorkflowServiceStubs.newServiceStubs(
              WorkflowServiceStubsOptions.newBuilder().setTarget("127.0.0.1:" + port).build());
      try {
        for (int i = 0; i < 20; i++) {
          String id = "lock-events-" + UUID.randomUUID();
          stubs
              .blockingStub()
              .startWorkflowExecution(
                  StartWorkflowExecutionRequest.newBuilder()
                      .setNamespace("default")
                      .setWorkflowId(id)
                      .setRequestId(UUID.randomUUID().toString())
                      .setWorkflowType(WorkflowType.newBuilder().setName("Nothing"))
                      .setTaskQueue(TaskQueue.newBuilder().setName("nobody"))
                      .build());
          stubs
              .blockingStub()
              .terminateWorkflowExecution(
                  TerminateWorkflowExecutionRequest.newBuilder()
                      .setNamespace("default")
                      .setWorkflowExecution(WorkflowExecution.newBuilder().setWorkflowId(id))
                      .build());
        }
      } finally {
        stubs.shutdownNow();
      }

      assertThat(lockEvents(services(server))).isEmpty();
    }
  }

  private static TestServicesStarter services(EmbeddedTemporalServer server) throws Exception {
    Field field = EmbeddedTemporalServer.class.getDeclaredField("services");
    field.setAccessible(true);
    return (TestServicesStarter) field.get(server);
  }

  private static List<?> lockEvents(TestServicesStarter services) throws Exception {
    Field timerField = TestServicesStarter.class.getDeclaredField("selfAdvancingTimer");
    timerField.setAccessible(true);
    Object timer = timerField.get(services);
    Field events = timer.getClass().getDeclaredField("lockEvents");
    events.setAccessible(true);
    return (List<?>) events.get(timer);
  }
}
