package dev.agenthub.api.errors;

/** The request an error answers, for messages and log lines. */
record FailedRequest(String method, String path) {

  static final FailedRequest UNKNOWN = new FailedRequest("?", "?");

  @Override
  public String toString() {
    return method + " " + path;
  }
}
