package io.cutover.core.port.db;

import java.util.Objects;

/**
 * A column fed by a sequence (a {@code nextval} default, {@code serial}/{@code OWNED BY}, identity), names as the
 * catalog spells them.
 */
public record FedColumn(String sequenceSchema, String sequenceName, String tableSchema, String tableName,
                        String column) {
    public FedColumn {
        Objects.requireNonNull(sequenceSchema, "sequenceSchema");
        Objects.requireNonNull(sequenceName, "sequenceName");
        Objects.requireNonNull(tableSchema, "tableSchema");
        Objects.requireNonNull(tableName, "tableName");
        Objects.requireNonNull(column, "column");
    }

    /** The sequence as {@code schema.name}, as the sync's reports name it. */
    public String sequence() {
        return sequenceSchema + "." + sequenceName;
    }
}
