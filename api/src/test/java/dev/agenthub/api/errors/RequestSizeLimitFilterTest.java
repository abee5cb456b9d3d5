package dev.agenthub.api.errors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

class RequestSizeLimitFilterTest {

  @Test
  void limitedStream_readsUpToTheLimit() throws Exception {
    InputStream in =
        new RequestSizeLimitFilter.LimitedInputStream(new ByteArrayInputStream(new byte[10]), 10);

    assertThat(in.readAllBytes()).hasSize(10);
  }

  @Test
  void limitedStream_failsOnceMoreThanTheLimitIsRead() {
    InputStream in =
        new RequestSizeLimitFilter.LimitedInputStream(new ByteArrayInputStream(new byte[11]), 10);

    assertThatThrownBy(in::readAllBytes)
        .isInstanceOf(PayloadTooLargeException.class)
        .hasMessage("request body exceeds 10 bytes");
  }

  @Test
  void limitedStream_countsSingleByteReads() throws Exception {
    InputStream in =
        new RequestSizeLimitFilter.LimitedInputStream(new ByteArrayInputStream(new byte[3]), 2);
    in.read();
    in.read();

    assertThatThrownBy(in::read).isInstanceOf(PayloadTooLargeException.class);
  }

  @Test
  void constructor_rejectsNonPositiveLimit() {
    assertThatThrownBy(() -> new RequestSizeLimitFilter(0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
