package io.cutover.postgres;

import io.cutover.core.port.db.DatabaseStepException;
import io.cutover.core.time.Deadline;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The source tables a migration replicates: for native replication the tables of its publication
 * ({@code pg_publication_tables} expands {@code FOR ALL TABLES} and {@code FOR TABLES IN SCHEMA}); for DMS the tables
 * its mappings select, or every user table of the source when they are not known. DMS's own control, heartbeat and
 * marker tables ({@code awsdms_*}, DMS User Guide, "Control tables" and "Extra connection attributes when using
 * PostgreSQL as a DMS source") are never part of it: DMS writes them itself. Nor is the cutover's own drain marker
 * ({@link PgDmsMarkerDrain#TABLE}): it is written after the fence on purpose, so it is neither counted nor watched.
 */
public final class PgReplicationSet {
    static final String DMS_TABLE_PREFIX = "awsdms_";
    private static final String STEP = "replication set";

    private final JdbcConnections source;

    public PgReplicationSet(JdbcConnections source) {
        this.source = source;
    }

    /**
     * The publication's tables, case kept, sorted, without DMS's own; with no publication named, the tables of every
     * publication of the source database.
     */
    public List<Identifiers.QualifiedName> publicationTables(String publication, Duration timeout) {
        try (DbSession db = DbSession.open(source, Deadline.in(timeout), STEP)) {
            return publicationTables(db, publication);
        }
    }

    /** The tables the DMS mappings select, or every user table of the source without DMS's own. */
    public List<Identifiers.QualifiedName> dmsTables(DmsTableMappings mappings, Duration timeout) {
        List<Identifiers.QualifiedName> selected = mappings.selectedTables();
        if (selected != null) {
            return selected.stream().filter(t -> !isDmsOwn(t)).sorted(PgReplicationSet::compare).toList();
        }
        try (DbSession db = DbSession.open(source, Deadline.in(timeout), STEP)) {
            return db.list("listing the source's user tables", """
                    SELECT n.nspname, c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                     WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition
                       AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%'
                     ORDER BY 1, 2""", PgReplicationSet::name).stream().filter(t -> !isDmsOwn(t)).toList();
        }
    }

    static List<Identifiers.QualifiedName> publicationTables(DbSession db, String publication) {
        if (publication == null) {
            return db.list("listing the tables of every publication", """
                    SELECT DISTINCT schemaname AS nspname, tablename AS relname FROM pg_publication_tables
                     ORDER BY 1, 2""", PgReplicationSet::name).stream().filter(t -> !isDmsOwn(t)).toList();
        }
        boolean exists = db.one("looking up publication " + publication,
                "SELECT EXISTS (SELECT 1 FROM pg_publication WHERE pubname = ?) AS e", rs -> rs.getBoolean("e"),
                publication);
        if (!exists) {
            throw new DatabaseStepException(STEP, "publication " + publication
                    + " does not exist on " + db.where());
        }
        return db.list("listing the tables of publication " + publication,
                "SELECT schemaname AS nspname, tablename AS relname FROM pg_publication_tables WHERE pubname = ?"
                        + " ORDER BY 1, 2", PgReplicationSet::name, publication)
                .stream().filter(t -> !isDmsOwn(t)).toList();
    }

    static boolean isDmsOwn(Identifiers.QualifiedName table) {
        String name = table.name().toLowerCase(Locale.ROOT);
        return name.startsWith(DMS_TABLE_PREFIX) || name.equals(PgDmsMarkerDrain.TABLE);
    }

    private static Identifiers.QualifiedName name(ResultSet rs) throws SQLException {
        return new Identifiers.QualifiedName(rs.getString("nspname"), rs.getString("relname"));
    }

    private static int compare(Identifiers.QualifiedName a, Identifiers.QualifiedName b) {
        int bySchema = a.schema().compareTo(b.schema());
        return bySchema != 0 ? bySchema : a.name().compareTo(b.name());
    }
}
