package dev.prooflane.runtime;

import dev.prooflane.model.KeyNames;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** What the engine needs of a runtime; each runtime implements it. */
public interface RuntimeAccess {
  /** The environment's name. */
  String environment();

  /** Where requests carry the routing key. */
  KeyNames keyNames();

  /** The services of the environment. */
  Set<String> services();

  /**
   * The address callers use for {@code service} (the router's, so keyed requests are routed).
   *
   * @throws dev.prooflane.model.NotFoundException for an unknown service
   */
  URI serviceUri(String service);

  /** The sandbox named {@code name}, if it exists. */
  Optional<SandboxInfo> sandbox(String name);

  /** A position in the logs of a service's baseline instance, or of its fork in {@code sandbox}. */
  long logCursor(String service, Optional<String> sandbox);

  /** The log lines written after {@code cursor}, oldest first. */
  List<LogEntry> logsSince(String service, Optional<String> sandbox, long cursor);

  /** A position in the router's hop records. */
  long hopCursor();

  /** The hops recorded after {@code cursor}, oldest first. */
  List<HopEntry> hopsSince(long cursor);

  /**
   * Whether the router is still forwarding an exchange of trace {@code traceId}, whose hop is not
   * recorded yet (an inner hop may be recorded after the outer one answered).
   */
  boolean hopsInFlight(String traceId);

  /**
   * What the drop detectors of the services (attached with {@code propagation: opentelemetry-agent}
   * or {@code detect}) recorded for requests carrying {@code key}: each outbound call made without
   * it. A runtime without detectors answers {@link DropRecords#NONE}.
   */
  DropRecords drops(String key);

  /**
   * The {@code host:port} list of the environment's Kafka broker ({@code kafka:} in the environment
   * file), for actions that publish or read records; empty when the environment declares none.
   */
  default Optional<String> kafkaBootstrap() {
    return Optional.empty();
  }

  /**
   * Where {@code database} (a name of the environment's {@code databases:}) is for {@code sandbox}:
   * its branch when the sandbox has one ({@link DatabaseLogin#branch()} true), else the baseline's
   * database; for the baseline when {@code sandbox} is empty. Empty when the environment has no
   * such database (a runtime without databases answers empty for every name).
   */
  default Optional<DatabaseLogin> database(String database, Optional<String> sandbox) {
    return Optional.empty();
  }
}
