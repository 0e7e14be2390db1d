package dev.prooflane.local;

import static java.util.Objects.requireNonNull;

import dev.prooflane.model.ConflictException;
import dev.prooflane.model.Environment;
import dev.prooflane.model.KeyNames;
import dev.prooflane.model.RouterTls;
import dev.prooflane.model.ServiceSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What applying an environment file to a running environment does: the services whose definition
 * changed (restarted), those added (started), those removed (stopped), those kept as they run, and
 * the environment's own settings that changed ({@code name}, {@code sandboxes.maxTtl}, {@code
 * skills}).
 *
 * @param file the environment file applied, absolute
 * @param changed the services restarted, in the file's order
 * @param added the services started, in the file's order
 * @param removed the services stopped, in the running environment's order
 * @param unchanged the services kept running as they were
 * @param settings the environment's own settings that changed
 */
public record EnvironmentChange(
    String file,
    List<String> changed,
    List<String> added,
    List<String> removed,
    List<String> unchanged,
    List<String> settings) {
  public EnvironmentChange {
    requireNonNull(file, "file");
    changed = List.copyOf(changed);
    added = List.copyOf(added);
    removed = List.copyOf(removed);
    unchanged = List.copyOf(unchanged);
    settings = List.copyOf(settings);
  }

  /**
   * What it takes to go from {@code running}, whose router listens on {@code routerPorts}, to
   * {@code next}. A service is changed when any part of its definition differs, except a {@code
   * port:} the running router already satisfies ({@code 0}, or the port it listens on); when the
   * file moved to another folder, {@code ${dir}} differs, so every service is changed.
   *
   * @throws ConflictException when {@code next} cannot be applied to a running environment: other
   *     routing key names, another router TLS identity, another {@code kafka:}, {@code postgres:}
   *     or {@code databases:} section, or another router port for a service that keeps running
   */
  public static EnvironmentChange between(
      Environment running, Map<String, Integer> routerPorts, Environment next) {
    if (!running.keyNames().equals(next.keyNames())) {
      throw new ConflictException(
          "routing: the key names "
              + describe(next.keyNames())
              + " differ from the running environment's "
              + describe(running.keyNames())
              + "; the router and every sandbox's callers use them, so restart the daemon to"
              + " change them (prooflane down, then prooflane up)");
    }
    if (!running.tls().equals(next.tls())) {
      throw new ConflictException(
          "router.tls: "
              + describe(next.tls())
              + " differs from the running environment's "
              + describe(running.tls())
              + "; the router's listeners took it at start, so restart the daemon to change it"
              + " (prooflane down, then prooflane up)");
    }
    if (!running.kafka().equals(next.kafka())) {
      throw new ConflictException(
          "kafka: the section differs from the running environment's; the daemon started (or"
              + " reached) the broker with it and every service got its address, so restart the"
              + " daemon to change it (prooflane down, then prooflane up)");
    }
    if (!running.postgres().equals(next.postgres())
        || !running.databases().equals(next.databases())) {
      throw new ConflictException(
          "postgres/databases: the sections differ from the running environment's; the daemon"
              + " started (or reached) the database server with them and created the baseline's"
              + " databases, so restart the daemon to change them (prooflane down, then prooflane"
              + " up)");
    }
    boolean moved = !running.baseDir().equals(next.baseDir());
    List<String> changed = new ArrayList<>();
    List<String> added = new ArrayList<>();
    List<String> unchanged = new ArrayList<>();
    for (ServiceSpec spec : next.services().values()) {
      ServiceSpec now = running.services().get(spec.name());
      if (now == null) {
        added.add(spec.name());
        continue;
      }
      int bound = routerPorts.getOrDefault(spec.name(), 0);
      if (spec.port() != 0 && spec.port() != bound) {
        throw new ConflictException(
            "services."
                + spec.name()
                + ".port: "
                + spec.port()
                + " (expected: "
                + bound
                + ", where the running router listens for it, or 0); the other services were"
                + " started with its address, so restart the daemon to move it");
      }
      if (moved || !sameDefinition(spec, now)) {
        changed.add(spec.name());
      } else {
        unchanged.add(spec.name());
      }
    }
    List<String> removed =
        running.services().keySet().stream().filter(n -> !next.services().containsKey(n)).toList();
    List<String> settings = new ArrayList<>();
    if (!running.name().equals(next.name())) {
      settings.add("name");
    }
    if (!running.maxTtl().equals(next.maxTtl())) {
      settings.add("sandboxes.maxTtl");
    }
    if (!running.skillDirs().equals(next.skillDirs())) {
      settings.add("skills");
    }
    return new EnvironmentChange(
        next.file().toAbsolutePath().normalize().toString(),
        changed,
        added,
        removed,
        unchanged,
        settings);
  }

  private static String describe(KeyNames names) {
    return "(baggage "
        + names.baggage()
        + ", tracestate "
        + names.tracestate()
        + ", header "
        + names.header()
        + names.query().map(q -> ", query " + q).orElse("")
        + ")";
  }

  private static String describe(Optional<RouterTls> tls) {
    return tls.map(t -> "(certificate " + t.certificate() + ", key " + t.key() + ")")
        .orElse("(none)");
  }

  /** Whether {@code a} and {@code b} are the same definition, their {@code port:} aside. */
  private static boolean sameDefinition(ServiceSpec a, ServiceSpec b) {
    return a.command().equals(b.command())
        && a.workdir().equals(b.workdir())
        && a.env().equals(b.env())
        && a.artifact().equals(b.artifact())
        && a.health().equals(b.health())
        && a.protocol().equals(b.protocol())
        && a.propagation().equals(b.propagation());
  }

  /** Whether no service starts, restarts or stops. */
  public boolean keepsEveryService() {
    return changed.isEmpty() && added.isEmpty() && removed.isEmpty();
  }

  /** One line for people: {@code restart pricing; start search; stop inventory; keep frontend}. */
  public String summary() {
    List<String> parts = new ArrayList<>();
    part(parts, "restart", changed);
    part(parts, "start", added);
    part(parts, "stop", removed);
    part(parts, "keep", unchanged);
    part(parts, "settings changed:", settings);
    return String.join("; ", parts);
  }

  private static void part(List<String> parts, String verb, List<String> names) {
    if (!names.isEmpty()) {
      parts.add(verb + " " + String.join(", ", names));
    }
  }
}
