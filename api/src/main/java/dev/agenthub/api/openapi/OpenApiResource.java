package dev.agenthub.api.openapi;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/** Serves the API's OpenAPI 3 document (a test keeps it in step with the resources). */
@Path("/api/v1/openapi.json")
@Produces(MediaType.APPLICATION_JSON)
public final class OpenApiResource {

  /** Classpath location of the document. */
  public static final String DOCUMENT = "/dev/agenthub/api/openapi/openapi.json";

  private final String document;

  public OpenApiResource() {
    try (InputStream in =
        Objects.requireNonNull(OpenApiResource.class.getResourceAsStream(DOCUMENT), DOCUMENT)) {
      document = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @GET
  public String document() {
    return document;
  }
}
