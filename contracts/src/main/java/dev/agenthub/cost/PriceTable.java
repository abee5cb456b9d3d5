package dev.agenthub.cost;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Token prices by model and effective date, read from a {@code pricing.yml}: a YAML list of {@link
 * Price} entries ({@code model}, {@code inputPerMillionUsd}, {@code outputPerMillionUsd}, {@code
 * effective}). A model may have several entries; a call is priced at the newest entry whose
 * effective date is not after the day of the call. Immutable and thread-safe.
 */
public final class PriceTable {

  /** The classpath resource {@link #loadDefault()} reads. */
  public static final String DEFAULT_RESOURCE = "/dev/agenthub/cost/pricing.yml";

  private static final ObjectMapper YAML =
      new ObjectMapper(new YAMLFactory()).registerModule(new JavaTimeModule());

  /** Entries by model, newest effective date first. */
  private final Map<String, List<Price>> byModel;

  private PriceTable(Map<String, List<Price>> byModel) {
    this.byModel = byModel;
  }

  /** A table of the given entries. */
  public static PriceTable of(Collection<Price> prices) {
    Map<String, List<Price>> byModel = new HashMap<>();
    for (Price price : prices) {
      byModel.computeIfAbsent(price.model(), m -> new ArrayList<>()).add(price);
    }
    byModel.replaceAll(
        (model, list) -> {
          list.sort(Comparator.comparing(Price::effective).reversed());
          return List.copyOf(list);
        });
    return new PriceTable(Map.copyOf(byModel));
  }

  /** The table in {@code file}, or the built-in one when {@code file} is null or blank. */
  public static PriceTable fromFile(String file) {
    return file == null || file.isBlank() ? loadDefault() : load(Path.of(file));
  }

  /** The table shipped on the classpath ({@value #DEFAULT_RESOURCE}). */
  public static PriceTable loadDefault() {
    try (InputStream in = PriceTable.class.getResourceAsStream(DEFAULT_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing classpath resource " + DEFAULT_RESOURCE);
      }
      return read(in, DEFAULT_RESOURCE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + DEFAULT_RESOURCE, e);
    }
  }

  /** The table in the YAML file at {@code path}. */
  public static PriceTable load(Path path) {
    requireNonNull(path, "path");
    try (InputStream in = Files.newInputStream(path)) {
      return read(in, path.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read price table " + path, e);
    }
  }

  private static PriceTable read(InputStream in, String source) throws IOException {
    List<Price> prices = YAML.readValue(in, new TypeReference<List<Price>>() {});
    if (prices == null) {
      throw new IOException("price table " + source + " is empty");
    }
    return of(prices);
  }

  /** Every model the table prices, on any day. */
  public Set<String> models() {
    return byModel.keySet();
  }

  /** The price of {@code model} on day {@code on}: the newest entry not effective after it. */
  public Optional<Price> priceFor(String model, LocalDate on) {
    requireNonNull(on, "on");
    if (model == null) {
      return Optional.empty();
    }
    return byModel.getOrDefault(model, List.of()).stream()
        .filter(p -> !p.effective().isAfter(on))
        .findFirst();
  }

  /**
   * The usage of one call, priced on day {@code on}. A model without a price costs 0 and is marked
   * {@code pricingKnown = false}.
   */
  public Usage usageFor(String model, long inputTokens, long outputTokens, LocalDate on) {
    Optional<Price> price = priceFor(model, on);
    double cost = price.map(p -> p.costUsd(inputTokens, outputTokens)).orElse(0d);
    return new Usage(model, inputTokens, outputTokens, cost, price.isPresent());
  }

  /**
   * The most a call can cost when it sends at most {@code maxInputTokens} and receives at most
   * {@code maxOutputTokens}; 0 for a model without a price (budgets cannot limit what they cannot
   * price).
   */
  public double worstCaseCostUsd(
      String model, long maxInputTokens, long maxOutputTokens, LocalDate on) {
    return priceFor(model, on).map(p -> p.costUsd(maxInputTokens, maxOutputTokens)).orElse(0d);
  }
}
