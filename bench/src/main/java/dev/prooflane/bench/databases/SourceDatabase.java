package dev.prooflane.bench.databases;

import dev.prooflane.local.postgres.AdminLogin;
import dev.prooflane.local.postgres.Branches;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The database that is branched and dumped: a small shop (customers, products, orders) with primary
 * keys, unique constraints, foreign keys and secondary indexes, filled with {@code
 * generate_series}, then vacuumed and analysed so that autovacuum leaves it alone during the
 * measurement (a session of its own on the source would have to be ended for a copy).
 */
final class SourceDatabase {
  static final String NAME = "shop";

  /** The rows of {@code customers} and {@code products}. */
  static final int CUSTOMERS = 100_000;

  static final int PRODUCTS = 10_000;

  private static final String[] SCHEMA = {
    "CREATE TABLE customers (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,"
        + " email text NOT NULL UNIQUE, name text NOT NULL, created timestamptz NOT NULL)",
    "CREATE TABLE products (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,"
        + " sku text NOT NULL UNIQUE, title text NOT NULL, price numeric(10, 2) NOT NULL)",
    "CREATE TABLE orders (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,"
        + " customer_id bigint NOT NULL REFERENCES customers,"
        + " product_id bigint NOT NULL REFERENCES products, quantity int NOT NULL,"
        + " placed timestamptz NOT NULL, note text)",
    "CREATE INDEX orders_customer ON orders (customer_id)",
    "CREATE INDEX orders_placed ON orders (placed)",
    "CREATE VIEW order_totals AS SELECT o.customer_id, sum(o.quantity * p.price) AS total"
        + " FROM orders o JOIN products p ON p.id = o.product_id GROUP BY o.customer_id",
  };

  private SourceDatabase() {}

  /** Creates {@link #NAME} with {@code orders} rows of orders; returns its size in bytes. */
  static long create(AdminLogin admin, int orders) throws SQLException {
    try (Connection c = admin.connect();
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + NAME);
    }
    try (Connection c = admin.connect(NAME);
        Statement s = c.createStatement()) {
      for (String sql : SCHEMA) {
        s.execute(sql);
      }
      s.execute(
          "INSERT INTO customers (email, name, created) SELECT 'customer' || i || '@example.com',"
              + " 'Customer ' || md5(i::text), timestamptz '2024-01-01' + i * interval '1 minute'"
              + " FROM generate_series(1, "
              + CUSTOMERS
              + ") i");
      s.execute(
          "INSERT INTO products (sku, title, price) SELECT 'SKU-' || lpad(i::text, 6, '0'),"
              + " 'Product ' || md5(i::text), (i % 500) + 0.99 FROM generate_series(1, "
              + PRODUCTS
              + ") i");
      s.execute(
          "INSERT INTO orders (customer_id, product_id, quantity, placed, note)"
              + " SELECT 1 + (i * 7919) % "
              + CUSTOMERS
              + ", 1 + (i * 104729) % "
              + PRODUCTS
              + ", 1 + i % 5, timestamptz '2024-01-01' + (i * 7) % 9999991 * interval '1 second',"
              + " CASE WHEN i % 3 = 0 THEN 'gift wrap ' || (i % 97) END"
              + " FROM generate_series(1::bigint, "
              + orders
              + ") i");
      s.execute("VACUUM ANALYZE");
    }
    try (Connection c = admin.connect();
        Statement s = c.createStatement()) {
      s.execute("CHECKPOINT");
    }
    return new Branches(admin).size(NAME);
  }
}
