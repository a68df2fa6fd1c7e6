package dev.custintel.core.imports;

/**
 * Progress of a running import, reported after each batch is written. In lenient mode each report follows a
 * commit; in strict mode the whole file is one transaction, so the orders counted are written but committed only
 * when the import returns.
 *
 * @param rowsRead data rows read so far (header excluded)
 * @param ordersWritten orders inserted or updated so far
 * @param rejected rows rejected so far
 */
public record ImportProgress(long rowsRead, long ordersWritten, long rejected) {}
