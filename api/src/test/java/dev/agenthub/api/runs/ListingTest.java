package dev.agenthub.api.runs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agenthub.temporal.TemporalSettings;
import org.junit.jupiter.api.Test;

class ListingTest {

  @Test
  void parse_defaultsToAuto_andIgnoresCase() {
    assertThat(Listing.parse(TemporalSettings.defaults().listing())).isEqualTo(Listing.AUTO);
    assertThat(Listing.parse(null)).isEqualTo(Listing.AUTO);
    assertThat(Listing.parse(" Scan ")).isEqualTo(Listing.SCAN);
    assertThat(Listing.parse("VISIBILITY")).isEqualTo(Listing.VISIBILITY);
  }

  @Test
  void parse_rejectsUnknownModes() {
    assertThatThrownBy(() -> Listing.parse("elastic"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("temporal.listing");
  }
}
