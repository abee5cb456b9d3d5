package dev.agenthub.telemetry;

import com.google.protobuf.ByteString;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.HexFormat;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A minimal OTLP/HTTP receiver (protobuf bodies on {@code /v1/traces} and {@code /v1/logs}), as a
 * collector would run it, keeping what it received.
 */
final class OtlpReceiver implements AutoCloseable {

  record ReceivedSpan(Resource resource, Span span) {
    String traceId() {
      return hex(span.getTraceId());
    }
  }

  record ReceivedLog(Resource resource, LogRecord log) {
    String traceId() {
      return hex(log.getTraceId());
    }
  }

  final Queue<ReceivedSpan> spans = new ConcurrentLinkedQueue<>();
  final Queue<ReceivedLog> logs = new ConcurrentLinkedQueue<>();
  private final HttpServer server;

  OtlpReceiver() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/v1/traces", this::traces);
    server.createContext("/v1/logs", this::logs);
    server.createContext("/", exchange -> answer(exchange, 404, new byte[0]));
    server.start();
  }

  String endpoint() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  List<ReceivedSpan> spans() {
    return List.copyOf(spans);
  }

  List<ReceivedLog> logs() {
    return List.copyOf(logs);
  }

  private void traces(HttpExchange exchange) throws IOException {
    ExportTraceServiceRequest request = ExportTraceServiceRequest.parseFrom(body(exchange));
    request
        .getResourceSpansList()
        .forEach(
            resource ->
                resource
                    .getScopeSpansList()
                    .forEach(
                        scope ->
                            scope
                                .getSpansList()
                                .forEach(
                                    span ->
                                        spans.add(
                                            new ReceivedSpan(resource.getResource(), span)))));
    answer(exchange, 200, ExportTraceServiceResponse.getDefaultInstance().toByteArray());
  }

  private void logs(HttpExchange exchange) throws IOException {
    ExportLogsServiceRequest request = ExportLogsServiceRequest.parseFrom(body(exchange));
    request
        .getResourceLogsList()
        .forEach(
            resource ->
                resource
                    .getScopeLogsList()
                    .forEach(
                        scope ->
                            scope
                                .getLogRecordsList()
                                .forEach(
                                    log ->
                                        logs.add(new ReceivedLog(resource.getResource(), log)))));
    answer(exchange, 200, ExportLogsServiceResponse.getDefaultInstance().toByteArray());
  }

  private static byte[] body(HttpExchange exchange) throws IOException {
    try (InputStream in = exchange.getRequestBody()) {
      byte[] bytes = in.readAllBytes();
      String encoding = exchange.getRequestHeaders().getFirst("Content-Encoding");
      if ("gzip".equalsIgnoreCase(encoding)) {
        try (var gzip =
            new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(bytes))) {
          return gzip.readAllBytes();
        }
      }
      return bytes;
    }
  }

  private static void answer(HttpExchange exchange, int status, byte[] body) throws IOException {
    exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      exchange.getResponseBody().write(body);
    }
    exchange.close();
  }

  static String hex(ByteString bytes) {
    return HexFormat.of().formatHex(bytes.toByteArray());
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
