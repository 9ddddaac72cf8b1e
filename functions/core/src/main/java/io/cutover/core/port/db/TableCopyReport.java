package io.cutover.core.port.db;

import java.util.List;

/**
 * Tables copied in one transaction of the receiving side: all of them or, when one fails, none.
 *
 * @param tables     each table's result, in the order copied
 * @param copyMillis from the first read to the commit
 */
public record TableCopyReport(List<TableCopyResult> tables, long copyMillis) {
    public TableCopyReport {
        tables = List.copyOf(tables);
    }
}
