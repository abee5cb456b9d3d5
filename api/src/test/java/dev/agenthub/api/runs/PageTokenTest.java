package dev.agenthub.api.runs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.protobuf.ByteString;
import dev.agenthub.api.errors.ApiException;
import dev.agenthub.api.errors.RunServiceErrors;
import dev.agenthub.api.runs.PageToken.ScanCursor;
import org.junit.jupiter.api.Test;

class PageTokenTest {

  @Test
  void encode_roundTripsBothKinds() {
    ScanCursor cursor = new ScanCursor(1_700_000_000L, 123, "run-1", "brief-01:odd:id");
    ByteString server = ByteString.copyFrom(new byte[] {0, 1, (byte) 255});

    assertThat(PageToken.decode(PageToken.ofScan(cursor).encode()).scanCursor()).isEqualTo(cursor);
    assertThat(PageToken.decode(PageToken.ofVisibility(server).encode()).visibility())
        .isEqualTo(server);
    assertThat(PageToken.decode(null)).isNull();
    assertThat(PageToken.decode(" ")).isNull();
  }

  @Test
  void decode_rejectsForeignTokens() {
    for (String token : new String[] {"%%%", "eA", "cw", "czE6Mg"}) {
      assertThat(http(() -> PageToken.decode(token)))
          .as(token)
          .extracting(ApiException::status, ApiException::code)
          .containsExactly(400, "invalid_page_token");
    }
  }

  private static ApiException http(Runnable call) {
    return RunServiceErrors.http(catchThrowableOfType(RunServiceException.class, call::run));
  }
}
