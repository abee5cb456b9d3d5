package dev.agenthub.api.runs;

import com.google.protobuf.ByteString;
import dev.agenthub.api.runs.PageToken.ScanCursor;
import dev.agenthub.run.RunOutcomeMemo;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.common.v1.Memo;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.filter.v1.StatusFilter;
import io.temporal.api.filter.v1.WorkflowTypeFilter;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.ListClosedWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.ListClosedWorkflowExecutionsResponse;
import io.temporal.api.workflowservice.v1.ListOpenWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.ListOpenWorkflowExecutionsResponse;
import io.temporal.api.workflowservice.v1.WorkflowServiceGrpc.WorkflowServiceBlockingStub;
import io.temporal.client.WorkflowClient;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DataConverterException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Scans open and closed runs for one listing page, for servers without visibility queries.
 *
 * <p>The embedded test server's listings carry neither memo nor close time, and ignore every
 * filter. So runs are filtered and sorted here, and each candidate, walked newest first, is
 * described once to learn its pipeline (memo) and close time; the answers are cached by run id
 * (memos never change, and a closed run's description never changes). A page of a rarely used
 * pipeline may describe many runs once; it is a dev-scale listing.
 */
final class RunScan {

  static final Comparator<WorkflowExecutionInfo> NEWEST_FIRST =
      Comparator.comparing((WorkflowExecutionInfo i) -> RunListing.instant(i.getStartTime()))
          .thenComparing(i -> i.getExecution().getWorkflowId())
          .thenComparing(i -> i.getExecution().getRunId())
          .reversed();

  private static final WorkflowExecutionStatus RUNNING =
      WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING;
  private static final int BATCH = 1000;
  private static final int CACHE_SIZE = 10_000;

  private final WorkflowClient client;
  private final DataConverter converter;
  private final Map<String, WorkflowExecutionInfo> closedRuns = lruMap();
  private final Map<String, Memo> memos = lruMap();

  RunScan(WorkflowClient client) {
    this.client = client;
    this.converter = client.getOptions().getDataConverter();
  }

  /** Up to {@code limit} runs after {@code after}, newest first, with memo and close time. */
  List<WorkflowExecutionInfo> page(
      String workflowType, String pipeline, RunStatusFilter status, ScanCursor after, int limit) {
    List<WorkflowExecutionInfo> candidates = new ArrayList<>();
    if (status == null || status.admits(RUNNING)) {
      candidates.addAll(open(workflowType));
    }
    if (status == null || status.onlyTemporal() != RUNNING) {
      candidates.addAll(closed(workflowType, status == null ? null : status.onlyTemporal()));
    }
    // A run that closes between the two listings is in both: keep its closed entry.
    Map<String, WorkflowExecutionInfo> byRun = new LinkedHashMap<>();
    for (WorkflowExecutionInfo candidate : candidates) {
      byRun.merge(
          candidate.getExecution().getRunId(),
          candidate,
          (first, second) ->
              first.getStatus() == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING
                  ? second
                  : first);
    }
    WorkflowExecutionInfo cursor = after == null ? null : after.asInfo();
    List<WorkflowExecutionInfo> ordered =
        byRun.values().stream()
            .filter(i -> workflowType.equals(i.getType().getName()))
            .filter(i -> status == null || status.admits(i.getStatus()))
            .filter(i -> cursor == null || NEWEST_FIRST.compare(i, cursor) > 0)
            .sorted(NEWEST_FIRST)
            .toList();
    List<WorkflowExecutionInfo> page = new ArrayList<>(limit);
    for (WorkflowExecutionInfo listed : ordered) {
      Optional<WorkflowExecutionInfo> complete = complete(listed);
      if (complete.isPresent()
          && (pipeline == null || pipeline.equals(memo(complete.get(), RunStarter.MEMO_PIPELINE)))
          && (status == null || status.admits(listedStatus(complete.get())))) {
        page.add(complete.get());
        if (page.size() == limit) {
          break;
        }
      }
    }
    return page;
  }

  /**
   * The text memo entry {@code key} of a listed run, or {@code null} when it has none or it is not
   * text (a run of the same workflow type started by other means may carry any memo).
   */
  String memo(WorkflowExecutionInfo info, String key) {
    var payload = info.getMemo().getFieldsMap().get(key);
    if (payload == null) {
      return null;
    }
    try {
      return converter.fromPayload(payload, String.class, String.class);
    } catch (DataConverterException e) {
      return null;
    }
  }

  /** The API status {@code info} reads as in a listing (see {@link RunStatuses#listed}). */
  String listedStatus(WorkflowExecutionInfo info) {
    return RunStatuses.listed(info.getStatus(), memo(info, RunOutcomeMemo.KEY));
  }

  /** {@code listed} with its memo and close time; empty if the run vanished meanwhile. */
  private Optional<WorkflowExecutionInfo> complete(WorkflowExecutionInfo listed) {
    boolean open = listed.getStatus() == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING;
    boolean hasMemo = listed.getMemo().getFieldsCount() > 0;
    if (hasMemo && (open || listed.hasCloseTime())) {
      return Optional.of(listed);
    }
    String runId = listed.getExecution().getRunId();
    if (!open) {
      WorkflowExecutionInfo cached = closedRuns.get(runId);
      if (cached != null) {
        return Optional.of(cached);
      }
    } else {
      Memo memo = memos.get(runId);
      if (memo != null) {
        return Optional.of(listed.toBuilder().setMemo(memo).build());
      }
    }
    WorkflowExecutionInfo described;
    try {
      described =
          stub()
              .describeWorkflowExecution(
                  DescribeWorkflowExecutionRequest.newBuilder()
                      .setNamespace(client.getOptions().getNamespace())
                      .setExecution(listed.getExecution())
                      .build())
              .getWorkflowExecutionInfo();
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
        return Optional.empty();
      }
      throw e;
    }
    memos.put(runId, described.getMemo());
    if (described.getStatus() != WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING) {
      closedRuns.put(runId, described);
    }
    // The listing's status is the one the page was filtered on; keep it.
    return Optional.of(described.toBuilder().setStatus(listed.getStatus()).build());
  }

  private List<WorkflowExecutionInfo> open(String workflowType) {
    List<WorkflowExecutionInfo> runs = new ArrayList<>();
    ByteString next = ByteString.EMPTY;
    do {
      ListOpenWorkflowExecutionsRequest request =
          ListOpenWorkflowExecutionsRequest.newBuilder()
              .setNamespace(client.getOptions().getNamespace())
              .setMaximumPageSize(BATCH)
              .setNextPageToken(next)
              .setTypeFilter(WorkflowTypeFilter.newBuilder().setName(workflowType))
              .build();
      ListOpenWorkflowExecutionsResponse response =
          ScanListCall.call(() -> stub().listOpenWorkflowExecutions(request));
      runs.addAll(response.getExecutionsList());
      next = response.getNextPageToken();
    } while (!next.isEmpty());
    return runs;
  }

  /** Closed runs; the request takes one filter, so the caller checks the type as well. */
  private List<WorkflowExecutionInfo> closed(String workflowType, WorkflowExecutionStatus status) {
    List<WorkflowExecutionInfo> runs = new ArrayList<>();
    ByteString next = ByteString.EMPTY;
    do {
      ListClosedWorkflowExecutionsRequest.Builder request =
          ListClosedWorkflowExecutionsRequest.newBuilder()
              .setNamespace(client.getOptions().getNamespace())
              .setMaximumPageSize(BATCH)
              .setNextPageToken(next);
      if (status == null) {
        request.setTypeFilter(WorkflowTypeFilter.newBuilder().setName(workflowType));
      } else {
        request.setStatusFilter(StatusFilter.newBuilder().setStatus(status));
      }
      ListClosedWorkflowExecutionsRequest built = request.build();
      ListClosedWorkflowExecutionsResponse response =
          ScanListCall.call(() -> stub().listClosedWorkflowExecutions(built));
      runs.addAll(response.getExecutionsList());
      next = response.getNextPageToken();
    } while (!next.isEmpty());
    return runs;
  }

  private WorkflowServiceBlockingStub stub() {
    return client.getWorkflowServiceStubs().blockingStub();
  }

  private static <V> Map<String, V> lruMap() {
    return Collections.synchronizedMap(
        new LinkedHashMap<>(256, 0.75f, true) {
          private static final long serialVersionUID = 1L;

          @Override
          protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
            return size() > CACHE_SIZE;
          }
        });
  }
}
