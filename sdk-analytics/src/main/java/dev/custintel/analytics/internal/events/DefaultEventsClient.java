package dev.custintel.analytics.internal.events;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.custintel.analytics.events.CustomerEvent;
import dev.custintel.analytics.events.EventQuery;
import dev.custintel.analytics.events.EventType;
import dev.custintel.analytics.events.EventsClient;
import dev.custintel.core.DataAccessException;
import dev.custintel.core.InvalidInputException;
import dev.custintel.core.spi.StoreAccess;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.jdbi.v3.core.statement.Query;

/** Reads and purges the event log. Not API. */
public final class DefaultEventsClient implements EventsClient {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<Map<String, Object>> PAYLOAD = new TypeReference<>() {};
  private final StoreAccess access;

  /** @param access the store */
  public DefaultEventsClient(StoreAccess access) {
    this.access = Objects.requireNonNull(access, "access");
  }

  @Override
  public List<CustomerEvent> read(EventQuery query) {
    Objects.requireNonNull(query, "query");
    return select(query.afterId(), query.types(), query.customerId(), "event_id", query.limit());
  }

  @Override
  public List<CustomerEvent> newest(Set<EventType> types, int limit) {
    Objects.requireNonNull(types, "types");
    if (limit < 1 || limit > EventQuery.MAX_LIMIT) {
      throw InvalidInputException.argument("limit", "must be 1 to " + EventQuery.MAX_LIMIT + " (was " + limit + ")");
    }
    return select(-1, types, null, "event_id DESC", limit);
  }

  private List<CustomerEvent> select(long afterId, Set<EventType> types, @Nullable String customerId, String order,
      int limit) {
    StringBuilder sql = new StringBuilder("SELECT event_id, event_type, customer_id, occurred_at, run_id, payload"
        + " FROM {events} WHERE event_id > ?");
    List<Object> params = new ArrayList<>();
    params.add(afterId);
    if (!types.isEmpty()) {
      sql.append(" AND event_type IN (");
      String sep = "";
      for (EventType t : types) {
        sql.append(sep).append('?');
        params.add(t.wireName());
        sep = ", ";
      }
      sql.append(')');
    }
    if (customerId != null) {
      sql.append(" AND customer_id = ?");
      params.add(customerId);
    }
    sql.append(" ORDER BY ").append(order).append(" FETCH FIRST ").append(limit).append(" ROWS ONLY");
    return access.inSnapshot("Reading events", h -> {
      Query q = h.createQuery(access.sql(sql.toString()));
      for (int i = 0; i < params.size(); i++) {
        q.bind(i, params.get(i));
      }
      return q.map((rs, ctx) -> {
        long run = rs.getLong(5);
        Long runId = rs.wasNull() ? null : run;
        return new CustomerEvent(rs.getLong(1), EventType.fromWireName(rs.getString(2)), rs.getString(3),
            rs.getObject(4, OffsetDateTime.class).toInstant(), runId, payload(rs.getString(6)));
      }).list();
    });
  }

  @Override
  public long latestId() {
    return access.inSnapshot("Reading the latest event id", h -> h.createQuery(access.sql(
            "SELECT last_id FROM {event_counter} WHERE id = 1")).mapTo(Long.class).one());
  }

  @Override
  public int purgeBefore(Instant before) {
    Objects.requireNonNull(before, "before");
    return access.inTransaction("Purging events", h -> h.createUpdate(access.sql(
            "DELETE FROM {events} WHERE occurred_at < :before"))
        .bind("before", before.atOffset(ZoneOffset.UTC))
        .execute());
  }

  private static Map<String, Object> payload(String json) {
    try {
      return JSON.readValue(json, PAYLOAD);
    } catch (IOException e) {
      throw new DataAccessException("An event's payload is not JSON", e);
    }
  }
}
