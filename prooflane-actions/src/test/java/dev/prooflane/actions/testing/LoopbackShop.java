package dev.prooflane.actions.testing;

import dev.prooflane.actions.skill.Skill;
import java.io.IOException;

/**
 * The demo shop's call graph on loopback: frontend calls catalog, which calls pricing, then
 * inventory; how catalog passes the context on to pricing is chosen per instance.
 */
public final class LoopbackShop {
  /** How a catalog instance calls pricing. */
  public enum Catalog {
    /** Forwards the trace context and the key, as an instrumented service does. */
    PROPAGATES,
    /** Forwards the trace context but not the key. */
    DROPS_KEY,
    /** Forwards nothing: no key, no trace. */
    DROPS_CONTEXT
  }

  /** A skill whose one step, {@code page}, asks the frontend for product 1. */
  public static final Skill PRODUCT_PAGE =
      SkillRuns.parse(
          "product",
          """
          name: product
          description: d
          whenToUse: w
          steps:
            - id: page
              action: http
              with: { service: frontend, path: /products/1, expectStatus: 200 }
          """);

  private LoopbackShop() {}

  /** The shop's baseline, with {@code catalog} calling pricing as given. */
  public static LoopbackEnvironment start(Catalog catalog) throws IOException {
    LoopbackEnvironment env = new LoopbackEnvironment();
    env.service(
            "frontend",
            (req, log) -> {
              Reply item = env.call("catalog", "/items/1", req, true);
              Reply stock = env.call("inventory", "/stock/1", req, true);
              return Reply.json(
                  200, "{\"item\": " + item.body() + ", \"stock\": " + stock.body() + "}");
            })
        .service("catalog", catalog(env, catalog))
        .service("pricing", (req, log) -> Reply.json(200, "{\"price\": 12.5}"))
        .service("inventory", (req, log) -> Reply.json(200, "{\"inStock\": true}"));
    return env;
  }

  /** A catalog instance of {@code env} that calls pricing as {@code how} says. */
  public static Instance catalog(LoopbackEnvironment env, Catalog how) {
    return (req, log) -> {
      Reply price =
          how == Catalog.DROPS_CONTEXT
              ? env.callWithoutContext("pricing", "/prices/1")
              : env.call("pricing", "/prices/1", req, how == Catalog.PROPAGATES);
      return Reply.json(200, "{\"name\": \"cup\", \"pricing\": " + price.body() + "}");
    };
  }

  /** A pricing instance with the change: 10% off. */
  public static Instance discountedPricing() {
    return (req, log) -> Reply.json(200, "{\"price\": 11.25}");
  }
}
