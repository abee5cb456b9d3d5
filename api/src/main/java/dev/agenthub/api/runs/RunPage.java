package dev.agenthub.api.runs;

import java.util.List;

/**
 * A page of runs, newest first.
 *
 * @param runs the runs
 * @param nextPageToken pass as {@code pageToken} for the next page; {@code null} on the last
 * @param listing how the page was found: {@code visibility} (Temporal visibility queries, on a
 *     cluster or the CLI dev server) or {@code scan} (open and closed listings filtered here, on
 *     the embedded test server, which lacks visibility queries)
 */
public record RunPage(List<RunSummary> runs, String nextPageToken, String listing) {}
