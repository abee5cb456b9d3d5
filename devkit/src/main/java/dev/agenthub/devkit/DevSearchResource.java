package dev.agenthub.devkit;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;

/**
 * A canned search engine for the {@code research-agent} demo's search tool, served by {@code dev}
 * only: {@code POST /dev/search {"query": ...}} answers three results derived from the query, the
 * same every time.
 */
@Path("/dev/search")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class DevSearchResource {

  /** The search request: what to look for. */
  public record Query(String query) {}

  @POST
  public Map<String, Object> search(Query request) {
    String query = request == null || request.query() == null ? "" : request.query().strip();
    String slug = query.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    return Map.of(
        "query",
        query,
        "results",
        List.of(
            result(
                "An introduction to " + query,
                slug + "/intro",
                "What " + query + " is and why it matters."),
            result(
                "Lessons from running " + query,
                slug + "/lessons",
                "Retries, budgets and approvals in practice."),
            result(
                query + ": a checklist",
                slug + "/checklist",
                "Ten questions to ask before you ship.")));
  }

  private static Map<String, String> result(String title, String path, String snippet) {
    return Map.of("title", title, "url", "https://example.org/" + path, "snippet", snippet);
  }
}
