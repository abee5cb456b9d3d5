package dev.agenthub.api.runs;

import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import dev.agenthub.api.runs.PageToken.ScanCursor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import io.temporal.api.workflowservice.v1.ListWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.ListWorkflowExecutionsResponse;
import io.temporal.api.workflowservice.v1.WorkflowServiceGrpc.WorkflowServiceBlockingStub;
import io.temporal.client.WorkflowClient;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Lists pipeline runs, newest first, by visibility query or by scanning open and closed runs (see
 * {@link Listing}). In {@code auto} mode the first UNIMPLEMENTED answer switches to scanning for
 * the life of this object.
 *
 * <p>Scan pages (see {@link RunScan}) are keyset pages: the token holds the (start time, workflow
 * id, run id) of the last run returned, and the next page starts below it. Runs started later never
 * shift later pages; a page may show a run whose status changed since the previous page. Visibility
 * pages follow the server's own order and tokens: on SQL visibility (the CLI dev server) that is
 * running runs first, then by close time, which is close to, but not exactly, newest first.
 *
 * <p>A status filter is asked of the server and then checked on each run (see {@link
 * RunStatusFilter}): {@code failed} and {@code timed_out} both ask for Temporal-failed runs and
 * tell them apart by memo. A visibility page whose runs the check drops is topped up from the
 * following server pages, at most {@link #MAX_VISIBILITY_REQUESTS} requests per page; so a page may
 * be short and still have a next page.
 */
final class RunListing {

  static final String WORKFLOW_TYPE = "PipelineWorkflow";
  static final int MAX_PAGE_SIZE = 100;
  static final int MAX_VISIBILITY_REQUESTS = 10;

  private final WorkflowClient client;
  private final RunScan scan;
  private final AtomicReference<Listing> mode;

  RunListing(WorkflowClient client, Listing mode) {
    this.client = client;
    this.scan = new RunScan(client);
    this.mode = new AtomicReference<>(mode);
  }

  /** The mode in use: {@link Listing#AUTO} until the server has been asked once. */
  Listing mode() {
    return mode.get();
  }

  /**
   * Whether runs should carry the pipeline search attribute; in {@code auto} mode this asks the
   * server once whether it answers visibility queries.
   */
  boolean usesVisibility() {
    if (mode.get() == Listing.AUTO) {
      try {
        visibilityPage(VisibilityQuery.of(WORKFLOW_TYPE, null, null), 1, ByteString.EMPTY);
        mode.compareAndSet(Listing.AUTO, Listing.VISIBILITY);
      } catch (StatusRuntimeException e) {
        if (e.getStatus().getCode() != Status.Code.UNIMPLEMENTED) {
          throw TemporalErrors.translate(e, null);
        }
        mode.compareAndSet(Listing.AUTO, Listing.SCAN);
      }
    }
    return mode.get() == Listing.VISIBILITY;
  }

  RunPage list(String pipeline, String status, int pageSize, String pageToken) {
    if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
      throw new RunServiceException.InvalidPageSize(pageSize, MAX_PAGE_SIZE);
    }
    RunStatusFilter filter = RunStatuses.parseFilter(status);
    PageToken token = PageToken.decode(pageToken);
    try {
      if (mode.get() != Listing.SCAN) {
        try {
          return visibility(pipeline, filter, pageSize, token);
        } catch (StatusRuntimeException e) {
          if (mode.get() != Listing.AUTO || e.getStatus().getCode() != Status.Code.UNIMPLEMENTED) {
            throw e;
          }
          mode.compareAndSet(Listing.AUTO, Listing.SCAN);
        }
      }
      return scan(pipeline, filter, pageSize, token);
    } catch (RuntimeException e) {
      throw TemporalErrors.translate(e, null);
    }
  }

  private RunPage visibility(
      String pipeline, RunStatusFilter status, int pageSize, PageToken token) {
    if (token != null && token.scanCursor() != null) {
      throw PageToken.invalid();
    }
    String query = VisibilityQuery.of(WORKFLOW_TYPE, pipeline, status);
    ByteString next = token == null ? ByteString.EMPTY : token.visibility();
    List<RunSummary> runs = new ArrayList<>(pageSize);
    int requests = 0;
    do {
      ListWorkflowExecutionsResponse response = visibilityPage(query, pageSize - runs.size(), next);
      mode.compareAndSet(Listing.AUTO, Listing.VISIBILITY);
      response.getExecutionsList().stream()
          .map(this::summary)
          .filter(run -> status == null || status.admits(run.status()))
          .forEach(runs::add);
      next = response.getNextPageToken();
      requests++;
    } while (!next.isEmpty() && runs.size() < pageSize && requests < MAX_VISIBILITY_REQUESTS);
    String nextToken = next.isEmpty() ? null : PageToken.ofVisibility(next).encode();
    return new RunPage(runs, nextToken, "visibility");
  }

  private ListWorkflowExecutionsResponse visibilityPage(
      String query, int pageSize, ByteString next) {
    return stub()
        .listWorkflowExecutions(
            ListWorkflowExecutionsRequest.newBuilder()
                .setNamespace(namespace())
                .setQuery(query)
                .setPageSize(pageSize)
                .setNextPageToken(next)
                .build());
  }

  private RunPage scan(String pipeline, RunStatusFilter status, int pageSize, PageToken token) {
    if (token != null && token.scanCursor() == null) {
      throw PageToken.invalid();
    }
    List<WorkflowExecutionInfo> matching =
        scan.page(
            WORKFLOW_TYPE,
            pipeline,
            status,
            token == null ? null : token.scanCursor(),
            pageSize + 1);
    List<WorkflowExecutionInfo> page = matching.subList(0, Math.min(pageSize, matching.size()));
    String nextToken =
        matching.size() > pageSize
            ? PageToken.ofScan(ScanCursor.of(page.get(page.size() - 1))).encode()
            : null;
    return new RunPage(page.stream().map(this::summary).toList(), nextToken, "scan");
  }

  private RunSummary summary(WorkflowExecutionInfo info) {
    return new RunSummary(
        info.getExecution().getWorkflowId(),
        info.getExecution().getRunId(),
        memo(info, RunStarter.MEMO_PIPELINE),
        memo(info, RunStarter.MEMO_VERSION),
        scan.listedStatus(info),
        info.hasStartTime() ? instant(info.getStartTime()) : null,
        info.hasCloseTime() ? instant(info.getCloseTime()) : null,
        null);
  }

  private String memo(WorkflowExecutionInfo info, String key) {
    return scan.memo(info, key);
  }

  private WorkflowServiceBlockingStub stub() {
    return client.getWorkflowServiceStubs().blockingStub();
  }

  private String namespace() {
    return client.getOptions().getNamespace();
  }

  static Instant instant(Timestamp timestamp) {
    return Instant.ofEpochSecond(timestamp.getSeconds(), timestamp.getNanos());
  }
}
