package io.cutover.postgres;

import java.util.List;

/**
 * The source tables a DMS migration replicates, as its tasks' table mappings select them. The DMS side (the task's
 * {@code TableMappings}, DMS User Guide, "Specifying table selection and transformations rules using JSON") is read
 * elsewhere; {@link #NONE} stands for "not known here", and {@link PgReplicationSet} then takes every user table of
 * the source minus DMS's own.
 */
@FunctionalInterface
public interface DmsTableMappings {
    DmsTableMappings NONE = () -> null;

    /** {@code schema.table} names as PostgreSQL stores them (case kept), or null when not known. */
    List<Identifiers.QualifiedName> selectedTables();
}
