package io.cutover.core.port.db;

import java.util.Objects;

/**
 * One table copied from one database onto the other by primary key: rows the copy read, and what it changed on the
 * receiving side to make the table equal to the one it read.
 *
 * @param table    {@code schema.table}
 * @param rowsRead rows of the table on the side read
 * @param inserted rows that were missing on the receiving side
 * @param updated  rows whose values differed
 * @param deleted  rows only the receiving side had
 */
public record TableCopyResult(String table, long rowsRead, long inserted, long updated, long deleted) {
    public TableCopyResult {
        Objects.requireNonNull(table, "table");
    }
}
