package dev.prooflane.actions.sql;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cel.common.values.NullValue;
import dev.prooflane.actions.expr.Values;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.format.DateTimeFormatter;

/**
 * One column's value as a JSON value, by its PostgreSQL type: integers as whole numbers, {@code
 * real}, {@code double precision} and {@code numeric} as numbers (a {@code numeric} a double cannot
 * hold exactly stays text), {@code boolean} as true/false, {@code json}/{@code jsonb} as the JSON
 * value they hold, dates and times as ISO-8601 text ({@code timestamptz} in UTC, {@code Z}), SQL
 * NULL as null, and every other type as PostgreSQL's text for it.
 */
final class ColumnValue {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ColumnValue() {}

  /**
   * The value of column {@code column} (1-based) of the current row, of PostgreSQL type {@code
   * type}.
   */
  static Object read(ResultSet rows, int column, String type) throws SQLException {
    if (rows.getObject(column) == null) {
      return NullValue.NULL_VALUE;
    }
    return switch (type) {
      case "int2", "int4", "int8", "oid" -> rows.getLong(column);
      case "float4", "float8" -> number(rows.getDouble(column), rows.getString(column));
      case "numeric" -> numeric(rows.getBigDecimal(column), rows.getString(column));
      case "bool" -> rows.getBoolean(column);
      case "json", "jsonb" -> json(rows.getString(column));
      case "timestamptz" -> rows.getObject(column, OffsetDateTime.class).toInstant().toString();
      case "timestamp" ->
          DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(rows.getObject(column, LocalDateTime.class));
      case "date" -> rows.getObject(column, LocalDate.class).toString();
      case "time" ->
          DateTimeFormatter.ISO_LOCAL_TIME.format(rows.getObject(column, LocalTime.class));
      case "timetz" ->
          DateTimeFormatter.ISO_OFFSET_TIME.format(rows.getObject(column, OffsetTime.class));
      default -> rows.getString(column);
    };
  }

  private static Object number(double value, String text) {
    return Double.isFinite(value) ? (Object) value : text;
  }

  private static Object numeric(BigDecimal value, String text) {
    if (value == null) {
      return text; // NaN and the infinities have no BigDecimal
    }
    if (value.signum() == 0 || value.stripTrailingZeros().scale() <= 0) {
      try {
        return value.longValueExact();
      } catch (ArithmeticException e) {
        // too large for a long: as a double below, if it holds it exactly
      }
    }
    double d = value.doubleValue();
    return Double.isFinite(d) && BigDecimal.valueOf(d).compareTo(value) == 0 ? (Object) d : text;
  }

  private static Object json(String text) {
    try {
      return Values.fromJson(JSON.readTree(text));
    } catch (JsonProcessingException e) {
      return text; // PostgreSQL checked it; a value Jackson cannot read stays as written
    }
  }
}
