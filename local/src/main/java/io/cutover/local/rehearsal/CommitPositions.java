package io.cutover.local.rehearsal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where each application write committed in the source's WAL. A {@code test_decoding} slot of its own is created
 * on the source as the load starts; after the run it is decoded once: every INSERT into the journal table names its
 * {@code client_id} and its transaction id, and the transaction's COMMIT row carries the commit's WAL position (the
 * end of the commit record, the position a subscriber confirms and the drain compares with the fence LSN). This is
 * exact, not a clock estimate: the WAL is the order in which the source committed, and a commit past the fence
 * position is one the drain did not wait for, whenever its attempt began.
 *
 * <p>{@code only-local} leaves out what reverse replication applied to the source after the switch (changes that
 * carry a replication origin): only the source's own commits are positions of source writes.
 */
final class CommitPositions implements AutoCloseable {
    static final String SLOT = "rehearsal_commit_positions";
    private static final Pattern CLIENT_ID = Pattern.compile("\\bclient_id\\[bigint\\]:(\\d+)");

    private final RehearsalServers servers;
    private boolean open;

    private CommitPositions(RehearsalServers servers) {
        this.servers = servers;
        this.open = true;
    }

    /** Creates the slot: every commit after this moment is decoded later. */
    static CommitPositions start(RehearsalServers servers) {
        servers.execute(Side.SOURCE, "SELECT pg_create_logical_replication_slot('" + SLOT + "', 'test_decoding')");
        return new CommitPositions(servers);
    }

    /**
     * Decodes everything since the slot was created, and drops it.
     *
     * @return client id to the WAL position (as a number) of the last source commit carrying it
     */
    Map<Long, Long> decode(String journalTable) {
        Map<Long, Long> positions = new HashMap<>();
        Map<String, java.util.List<Long>> pending = new HashMap<>();
        String prefix = "table " + journalTable + ": INSERT:";
        try (Connection c = servers.openAdmin(Side.SOURCE); Statement timeout = c.createStatement()) {
            timeout.execute("SET statement_timeout = 0");
            try (PreparedStatement st = c.prepareStatement("SELECT lsn::text, xid::text, data"
                    + " FROM pg_logical_slot_get_changes(?, NULL, NULL, 'include-xids', '1', 'skip-empty-xacts', '1',"
                    + " 'only-local', '1')")) {
                st.setString(1, SLOT);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        String xid = rs.getString(2);
                        String data = rs.getString(3);
                        if (data.startsWith(prefix)) {
                            Matcher m = CLIENT_ID.matcher(data);
                            if (m.find()) {
                                pending.computeIfAbsent(xid, x -> new java.util.ArrayList<>())
                                        .add(Long.parseLong(m.group(1)));
                            }
                        } else if (data.startsWith("COMMIT")) {
                            java.util.List<Long> ids = pending.remove(xid);
                            if (ids != null) {
                                long lsn = parseLsn(rs.getString(1));
                                ids.forEach(id -> positions.merge(id, lsn, Math::max));
                            }
                        }
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("source: cannot decode slot " + SLOT + ": " + e.getMessage(), e);
        } finally {
            close();
        }
        return positions;
    }

    /** {@code X/Y} as one number, for ordering. */
    static long parseLsn(String lsn) {
        int slash = lsn.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("not an LSN: " + lsn);
        }
        return (Long.parseLong(lsn.substring(0, slash), 16) << 32) | Long.parseLong(lsn.substring(slash + 1), 16);
    }

    @Override
    public void close() {
        if (open) {
            open = false;
            try {
                servers.execute(Side.SOURCE, "SELECT pg_drop_replication_slot('" + SLOT + "') FROM pg_replication_slots"
                        + " WHERE slot_name = '" + SLOT + "'");
            } catch (RuntimeException gone) {
                // the servers are about to stop with the run; a leftover slot goes with them
            }
        }
    }
}
