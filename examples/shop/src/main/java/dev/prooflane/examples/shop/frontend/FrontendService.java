package dev.prooflane.examples.shop.frontend;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.prooflane.examples.shop.http.Downstream;
import dev.prooflane.examples.shop.http.DownstreamReply;
import dev.prooflane.examples.shop.http.ItemRequest;
import dev.prooflane.examples.shop.http.Json;
import dev.prooflane.examples.shop.http.Reply;
import dev.prooflane.examples.shop.http.ShopService;

/**
 * Answers {@code GET /products/{id}}: the catalog item (name, description, price fields) plus
 * {@code inStock} from inventory. Calls catalog first, then inventory.
 */
public final class FrontendService implements ShopService {
  private final Downstream catalog;
  private final Downstream inventory;

  /** A frontend over {@code catalog} and {@code inventory}. */
  public FrontendService(Downstream catalog, Downstream inventory) {
    this.catalog = requireNonNull(catalog, "catalog");
    this.inventory = requireNonNull(inventory, "inventory");
  }

  @Override
  public String name() {
    return "frontend";
  }

  @Override
  public String resource() {
    return "products";
  }

  @Override
  public Reply handle(ItemRequest request) throws InterruptedException {
    String id = request.id();
    DownstreamReply item = catalog.get(Downstream.path("items", id), request);
    if (item.status() == 404) {
      return Reply.notFound(id);
    }
    if (!item.ok()) {
      return Reply.downstreamFailed(item);
    }
    DownstreamReply stock = inventory.get(Downstream.path("stock", id), request);
    if (!stock.ok()) {
      return Reply.downstreamFailed(stock);
    }
    ObjectNode body = Json.object().put("id", id);
    body.setAll(item.fields());
    body.set("inStock", stock.body().get("inStock"));
    return Reply.ok(body);
  }
}
