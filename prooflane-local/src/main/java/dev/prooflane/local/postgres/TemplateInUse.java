package dev.prooflane.local.postgres;

/**
 * What {@link Branches} does when the database to copy has sessions of other clients (the
 * baseline's services hold pooled connections): PostgreSQL copies a database ({@code CREATE
 * DATABASE ... TEMPLATE}) only while nobody else is connected to it, and this build has no {@code
 * pg_dump} to copy it otherwise (zonky's binaries ship only {@code initdb}, {@code pg_ctl} and
 * {@code postgres}).
 */
public enum TemplateInUse {
  /**
   * Refuse the branch with the cause (how many sessions, of which applications) and the fixes;
   * nothing is created.
   */
  FAIL,
  /**
   * Block new connections to the source, end its other sessions ({@code pg_terminate_backend}),
   * copy it, and allow connections again: the baseline's services see their pooled connections
   * closed once (a query in flight then fails) and reconnect; new connections are refused for as
   * long as the copy takes. Needs a superuser (the server the daemon starts) or a user that owns
   * the database and may signal its sessions.
   */
  DISCONNECT
}
