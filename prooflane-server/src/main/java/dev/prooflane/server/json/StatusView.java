package dev.prooflane.server.json;

import dev.prooflane.local.ServiceStatus;
import dev.prooflane.local.kafka.KafkaStatus;
import dev.prooflane.local.postgres.PostgresStatus;
import dev.prooflane.model.KeyNames;
import java.time.Instant;
import java.util.List;

/**
 * The daemon as {@code GET /status} shows it: its environment, where it listens, the names that
 * carry a routing key, its services and its sandboxes.
 *
 * @param environment the environment's name
 * @param envFile the environment file, absolute
 * @param apiUrl the API base, such as {@code http://127.0.0.1:7474/api/v1}
 * @param pid the daemon's process id
 * @param startedAt when the daemon started
 * @param keyNames where requests carry a routing key in this environment
 * @param services the baseline services
 * @param sandboxes every sandbox, by name
 * @param kafka the Kafka broker of the environment's {@code kafka:} section, or null without one
 * @param postgres the database server of its {@code postgres:} section, or null without one
 */
public record StatusView(
    String environment,
    String envFile,
    String apiUrl,
    long pid,
    Instant startedAt,
    KeyNames keyNames,
    List<ServiceStatus> services,
    List<SandboxView> sandboxes,
    KafkaStatus kafka,
    PostgresStatus postgres) {}
