package dev.prooflane.examples.shop.reviews;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.prooflane.examples.shop.http.Json;
import dev.prooflane.examples.shop.http.ServiceEnv;
import dev.prooflane.examples.shop.http.SettingException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.Properties;

/**
 * The reviews in the database at {@code DATABASE_URL}, read and written with plain JDBC.
 *
 * <p>One connection per request, closed when the request is done: no pool to size, a database that
 * restarts is simply reached again, and between requests the service holds no session, so
 * PostgreSQL can copy the database as a template for a sandbox's branch without ending anyone's
 * session (it refuses while the template has other sessions).
 */
final class ReviewStore {
  /** The setting that names the database. */
  static final String DATABASE_URL = "DATABASE_URL";

  private static final String JDBC_PREFIX = "jdbc:postgresql://";
  private static final String EXAMPLE =
      "jdbc:postgresql://127.0.0.1:5432/reviews?user=shop&password=secret";

  private final String url;
  private final Properties properties;
  private final ReviewsVariant variant;
  private final org.postgresql.Driver driver = new org.postgresql.Driver();

  ReviewStore(String url, String instance, ReviewsVariant variant) {
    this.url = requireNonNull(url, "url");
    this.variant = requireNonNull(variant, "variant");
    this.properties = new Properties();
    // defaults the URL may override; the name shows in pg_stat_activity, so a branch copy that
    // waits for sessions names whose they are
    properties.setProperty("ApplicationName", "reviews " + requireNonNull(instance, "instance"));
    properties.setProperty("connectTimeout", "5");
    properties.setProperty("loginTimeout", "5");
    properties.setProperty("socketTimeout", "10");
  }

  /**
   * The store at {@code DATABASE_URL} (required, in JDBC form) for instance {@code env.servedBy()}.
   *
   * @throws SettingException when it is not set or not a PostgreSQL JDBC URL
   */
  static ReviewStore from(ServiceEnv env, ReviewsVariant variant) {
    String url =
        env.setting(
            DATABASE_URL,
            "the reviews database as a JDBC URL, e.g. "
                + DATABASE_URL
                + "="
                + EXAMPLE
                + "; in prooflane.yaml: \"${databases.reviews.jdbc}\"");
    if (!url.startsWith(JDBC_PREFIX)) {
      // not echoed: it may hold a password
      throw new SettingException(
          DATABASE_URL,
          env.service()
              + ": "
              + DATABASE_URL
              + " does not start with "
              + JDBC_PREFIX
              + " (expected: a JDBC URL such as "
              + EXAMPLE
              + "; ${databases.NAME.url} is the postgresql:// form, ${databases.NAME.jdbc} this"
              + " one)");
    }
    return new ReviewStore(url, env.servedBy(), variant);
  }

  /**
   * Checks that the database answers and has the columns this variant reads.
   *
   * @throws SQLException the database's own error, such as {@code column "verified" does not exist}
   */
  void check() throws SQLException {
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      s.execute("SELECT " + variant.columns() + " FROM reviews LIMIT 0");
    }
  }

  /** The reviews of {@code item}, oldest first. */
  ArrayNode list(String item) throws SQLException {
    ArrayNode reviews = JsonNodeFactory.instance.arrayNode();
    try (Connection c = connect();
        PreparedStatement s =
            c.prepareStatement(
                "SELECT " + variant.columns() + " FROM reviews WHERE item = ? ORDER BY id")) {
      s.setString(1, item);
      try (ResultSet rows = s.executeQuery()) {
        while (rows.next()) {
          reviews.add(json(rows));
        }
      }
    }
    return reviews;
  }

  /** Adds {@code review} and answers it as stored, with its id and creation time. */
  ObjectNode add(NewReview review) throws SQLException {
    String sql =
        variant.verified()
            ? "INSERT INTO reviews (item, stars, text, verified) VALUES (?, ?, ?, ?)"
            : "INSERT INTO reviews (item, stars, text) VALUES (?, ?, ?)";
    try (Connection c = connect();
        PreparedStatement s = c.prepareStatement(sql + " RETURNING " + variant.columns())) {
      s.setString(1, review.item());
      s.setInt(2, review.stars());
      s.setString(3, review.text());
      if (variant.verified()) {
        s.setBoolean(4, review.verified());
      }
      try (ResultSet rows = s.executeQuery()) {
        rows.next();
        return json(rows);
      }
    }
  }

  private ObjectNode json(ResultSet row) throws SQLException {
    ObjectNode review =
        Json.object()
            .put("id", row.getLong("id"))
            .put("item", row.getString("item"))
            .put("stars", row.getInt("stars"))
            .put("text", row.getString("text"))
            .put("created", row.getObject("created", OffsetDateTime.class).toInstant().toString());
    if (variant.verified()) {
      review.put("verified", row.getBoolean("verified"));
    }
    return review;
  }

  private Connection connect() throws SQLException {
    Connection c = driver.connect(url, properties);
    if (c == null) {
      throw new SQLException(DATABASE_URL + ": not a PostgreSQL JDBC URL", "08001");
    }
    return c;
  }
}
