package dev.prooflane.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The demo's isolation check: concurrent requests spread over sandbox keys and no key, each answer
 * checked hop by hop against who must serve it.
 */
final class DemoIsolation {
  /** The items the requests ask for: item 3 fails in the regressed pricing, by design. */
  private static final int[] ITEMS = {1, 2, 4, 5};

  /**
   * One kind of request.
   *
   * @param sandbox the sandbox whose key it carries, or null for none
   * @param key that key, or null
   * @param forkedBy which sandbox must serve which service for it (the others: the baseline)
   */
  record Lane(String sandbox, String key, Map<String, String> forkedBy) {
    /** Requests without a key: every hop on the baseline. */
    static Lane unkeyed() {
      return new Lane(null, null, Map.of());
    }

    /** Requests with {@code sandbox}'s {@code key}, which forks {@code service}. */
    static Lane keyed(String sandbox, String key, String service) {
      return new Lane(sandbox, key, Map.of(service, sandbox));
    }
  }

  private final ShopProbe shop;
  private final PrintWriter out;

  DemoIsolation(ShopProbe shop, PrintWriter out) {
    this.shop = shop;
    this.out = out;
  }

  /**
   * Sends {@code requests} requests, 16 at a time, spread evenly over {@code lanes}; a request
   * whose hops went anywhere else than its lane says is misrouted, one that did not answer 200
   * failed.
   */
  Map<String, Object> run(int requests, List<Lane> lanes) throws Exception {
    out.printf(
        "   %d concurrent requests, spread evenly over %d keys and no key%n",
        requests, lanes.size() - 1);
    AtomicInteger misroutes = new AtomicInteger();
    AtomicInteger failures = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(16);
    long start = System.nanoTime();
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int i = 0; i < requests; i++) {
        Lane lane = lanes.get(i % lanes.size());
        int item = ITEMS[(i / lanes.size()) % ITEMS.length];
        futures.add(
            pool.submit(
                () -> {
                  ShopProbe.Answer answer = shop.product(item, lane.key());
                  if (answer.status() != 200) {
                    failures.incrementAndGet();
                  } else if (!answer.servedAsForked(lane.forkedBy())) {
                    misroutes.incrementAndGet();
                  }
                  return null;
                }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    out.printf(
        "   %d requests in %.1f s: %d misrouted, %d failed%n",
        requests, (System.nanoTime() - start) / 1e9, misroutes.get(), failures.get());
    Map<String, Object> isolation = new LinkedHashMap<>();
    isolation.put("sandboxes", lanes.stream().map(Lane::sandbox).filter(s -> s != null).toList());
    isolation.put("requests", requests);
    isolation.put("misroutes", misroutes.get());
    isolation.put("failures", failures.get());
    return isolation;
  }
}
