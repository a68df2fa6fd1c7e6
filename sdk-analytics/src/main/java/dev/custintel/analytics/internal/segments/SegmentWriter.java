package dev.custintel.analytics.internal.segments;

import dev.custintel.analytics.segments.SegmentPreset;
import dev.custintel.core.spi.StoreAccess;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Currency;
import org.jdbi.v3.core.Handle;

/**
 * Stores a model run's segment memberships, in the run's transaction: one {@code INSERT … SELECT} scores every
 * customer, names their segment, and carries the previous segment and the time of the last change forward from the
 * newest earlier run that stored the same preset in the same currency. Not API.
 */
public final class SegmentWriter {
  private final StoreAccess access;

  /** @param access the store */
  public SegmentWriter(StoreAccess access) {
    this.access = access;
  }

  /**
   * @param h the run's transaction
   * @param runId the run
   * @param createdAt the run's creation time: when the customers it moves changed segment
   * @param preset the preset
   * @param currency the run's currency
   * @param asOf orders placed before this instant count
   * @return the memberships written
   */
  public int write(Handle h, long runId, Instant createdAt, SegmentPreset preset, Currency currency, Instant asOf) {
    long previous = h.createQuery(access.sql("SELECT MAX(run_id) FROM {segment_runs} WHERE preset = :preset"
            + " AND currency = :currency AND run_id < :run"))
        .bind("preset", preset.id())
        .bind("currency", currency.getCurrencyCode())
        .bind("run", runId)
        .mapTo(Long.class)
        .findOne()
        .orElse(-1L);
    int written = SegmentSql.bind(h.createUpdate(access.sql("INSERT INTO {segment_memberships} (run_id, preset,"
                + " customer_id, segment, r, f, m, previous_segment, changed_at, changed_run_id)"
                + " SELECT :run, :preset, y.customer_id, y.seg, y.rs, y.fs, y.ms,"
                + " CASE WHEN p.segment = y.seg THEN p.previous_segment ELSE p.segment END,"
                + " CASE WHEN p.segment = y.seg THEN p.changed_at ELSE :createdAt END,"
                + " CASE WHEN p.segment = y.seg THEN p.changed_run_id ELSE :run END"
                + " FROM (SELECT x.customer_id, x.rs, x.fs, x.ms, " + SegmentSql.segmentCase(preset) + " AS seg"
                + " FROM (" + SegmentSql.scored(access, preset.scale()) + ") x) y"
                + " LEFT JOIN {segment_memberships} p ON p.run_id = :previous AND p.preset = :preset"
                + " AND p.customer_id = y.customer_id")), currency.getCurrencyCode(), asOf)
        .bind("run", runId)
        .bind("preset", preset.id())
        .bind("createdAt", createdAt.atOffset(ZoneOffset.UTC))
        .bind("previous", previous)
        .execute();
    h.createUpdate(access.sql("INSERT INTO {segment_runs} (run_id, preset, preset_version, as_of, currency,"
            + " customers) VALUES (:run, :preset, :version, :asOf, :currency, :customers)"))
        .bind("run", runId)
        .bind("preset", preset.id())
        .bind("version", preset.version())
        .bind("asOf", asOf.atOffset(ZoneOffset.UTC))
        .bind("currency", currency.getCurrencyCode())
        .bind("customers", written)
        .execute();
    return written;
  }
}
