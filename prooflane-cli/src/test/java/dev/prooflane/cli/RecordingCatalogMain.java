package dev.prooflane.cli;

import dev.prooflane.examples.shop.catalog.CatalogService;
import dev.prooflane.examples.shop.http.ItemRequest;
import dev.prooflane.examples.shop.http.Launcher;
import dev.prooflane.examples.shop.http.Reply;
import dev.prooflane.examples.shop.http.ShopService;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * The demo's catalog that drops the key ({@link CatalogService#droppingKey}), with a stand-in for
 * the drop detector: before each call to pricing made for a request that carried a key, it appends
 * a drop record in the detector's format (docs/propagation.md) to {@code
 * $DROPS_DIR/<destination>/catalog.jsonl}, the destination being {@code $PROOFLANE_SANDBOX} in a
 * fork, else {@code baseline}. Run by {@link ProbeIT} as the catalog, with the shop's jar.
 */
public final class RecordingCatalogMain {
  /** The call site the records name: the demo's dropping call. */
  static final String CALL_SITE =
      "{\"class\":\"dev.prooflane.examples.shop.http.Downstream\",\"method\":\"get\","
          + "\"file\":\"Downstream.java\",\"line\":71}";

  private RecordingCatalogMain() {}

  public static void main(String[] args) {
    String sandbox = System.getenv("PROOFLANE_SANDBOX");
    String destination = sandbox == null || sandbox.isBlank() ? "baseline" : sandbox;
    Path file = Path.of(System.getenv("DROPS_DIR"), destination, "catalog.jsonl");
    Launcher.launch(
        "catalog",
        (env, console) ->
            new Recording(
                CatalogService.droppingKey(env.url("PRICING_URL", "pricing")), destination, file));
  }

  /** The catalog, recording each request that carried a key before it calls pricing. */
  private record Recording(ShopService catalog, String destination, Path file)
      implements ShopService {
    @Override
    public String name() {
      return catalog.name();
    }

    @Override
    public String resource() {
      return catalog.resource();
    }

    @Override
    public Reply handle(ItemRequest request) throws IOException, InterruptedException {
      if (request.routingKey().isPresent()) {
        String line =
            "{\"v\":1,\"time\":\""
                + Instant.now()
                + "\",\"service\":\"catalog\",\"destination\":\""
                + destination
                + "\",\"key\":\""
                + request.routingKey().get()
                + "\",\"traceId\":null,\"inbound\":{\"method\":\"GET\",\"target\":\"/items/"
                + request.id()
                + "\"},\"outbound\":{\"protocol\":\"http\",\"method\":\"GET\",\"target\":\""
                + System.getenv("PRICING_URL")
                + "/prices/"
                + request.id()
                + "\",\"carried\":[]},\"callSite\":"
                + CALL_SITE
                + ",\"stack\":[\"dev.prooflane.examples.shop.http.Downstream.get(Downstream.java:71)\"]}\n";
        Files.createDirectories(file.getParent());
        Files.writeString(
            file,
            line,
            StandardCharsets.UTF_8,
            StandardOpenOption.CREATE,
            StandardOpenOption.APPEND);
      }
      return catalog.handle(request);
    }
  }
}
