package dev.custintel.core.imports;

/**
 * Progress of a running import, reported after each batch is written.
 *
 * @param rowsRead data rows read so far (header excluded)
 * @param ordersWritten orders inserted or updated so far
 * @param rejected rows rejected so far
 */
public record ImportProgress(long rowsRead, long ordersWritten, long rejected) {}
