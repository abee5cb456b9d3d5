package dev.agenthub.dsl;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SuggestionsTest {

  @Test
  void distance_countsEditsAndAdjacentTranspositions() {
    assertThat(Suggestions.distance("kitten", "sitting")).isEqualTo(3);
    assertThat(Suggestions.distance("steps", "stpes")).isEqualTo(1);
    assertThat(Suggestions.distance("ab", "ba")).isEqualTo(1);
    assertThat(Suggestions.distance("abc", "")).isEqualTo(3);
    assertThat(Suggestions.distance("", "abc")).isEqualTo(3);
    assertThat(Suggestions.distance("same", "same")).isZero();
  }

  @Test
  void closest_ignoresCase_andPrefersTheFirstOfEquallyCloseCandidates() {
    assertThat(Suggestions.closest("CAT", List.of("bat", "cot"))).contains("bat");
  }

  @Test
  void closest_allowsAThirdOfTheWordsLength_atLeastOneAndAtMostThree() {
    assertThat(Suggestions.closest("abcd", List.of("abxd"))).contains("abxd");
    assertThat(Suggestions.closest("abcd", List.of("abxy"))).isEmpty();
    assertThat(Suggestions.closest("abcdef", List.of("abcdxy"))).contains("abcdxy");
    assertThat(Suggestions.closest("abcdef", List.of("abcxyz"))).isEmpty();
    assertThat(Suggestions.closest("abcdefghijklmnop", List.of("abcdefghijklmxyz")))
        .contains("abcdefghijklmxyz");
    assertThat(Suggestions.closest("abcdefghijklmnop", List.of("abcdefghijklwxyz"))).isEmpty();
  }

  @Test
  void hint_namesTheCandidate_orIsEmpty() {
    assertThat(Suggestions.hint("stpes", List.of("name", "steps")))
        .isEqualTo(" (did you mean \"steps\"?)");
    assertThat(Suggestions.hint("zzzzz", List.of("name", "steps"))).isEmpty();
  }
}
