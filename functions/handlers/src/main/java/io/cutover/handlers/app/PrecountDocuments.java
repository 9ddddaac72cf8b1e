package io.cutover.handlers.app;

import io.cutover.core.json.Json;
import io.cutover.core.rowcount.RowPrecount;
import io.cutover.core.rowcount.TablePrecount;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * PrecountRows' record in the cutover store. A Parameter Store document holds at most 8 KB (Advanced tier), about
 * fifteen tables' precounts, so the tables go in parts ({@code row-precount-1} …), each a {@link RowPrecount} of
 * this execution with some of the tables, and the index ({@code row-precount}) last: a reader that finds the index
 * finds every part, and an index of another execution (or a part that does not match it) is no precount at all.
 */
public final class PrecountDocuments {
    /** Below the 8 KB limit, with room for the part's own fields. */
    static final int PART_MAX_BYTES = 7000;

    /** @param parts how many {@code row-precount-N} documents hold the tables */
    public record PrecountIndex(String executionName, int parts) {
    }

    private final CutoverStore store;

    public PrecountDocuments(CutoverStore store) {
        this.store = store;
    }

    static String part(int n) {
        return CutoverStore.ROW_PRECOUNT + "-" + n;
    }

    /** Removes the index, so no earlier precount stands (its parts are overwritten or left unreachable). */
    public void forget() {
        store.deleteDocument(CutoverStore.ROW_PRECOUNT);
    }

    /** Writes the parts, then the index; throws DocumentTooLargeException when one table alone does not fit. */
    public int save(RowPrecount precount) {
        List<List<TablePrecount>> parts = new ArrayList<>();
        List<TablePrecount> current = new ArrayList<>();
        for (TablePrecount table : precount.tables()) {
            current.add(table);
            if (current.size() > 1 && bytes(with(precount, current)) > PART_MAX_BYTES) {
                current.remove(current.size() - 1);
                parts.add(current);
                current = new ArrayList<>(List.of(table));
            }
        }
        parts.add(current);
        for (int i = 0; i < parts.size(); i++) {
            store.saveDocument(part(i + 1), with(precount, parts.get(i)));
        }
        store.saveDocument(CutoverStore.ROW_PRECOUNT, new PrecountIndex(precount.executionName(), parts.size()));
        return parts.size();
    }

    /** This execution's precount, whole; empty when there is none, it is another execution's, or a part is amiss. */
    public Optional<RowPrecount> load(String executionName) {
        Optional<PrecountIndex> index = store.document(CutoverStore.ROW_PRECOUNT, PrecountIndex.class)
                .filter(i -> i.executionName().equals(executionName) && i.parts() > 0);
        if (index.isEmpty()) {
            return Optional.empty();
        }
        RowPrecount first = null;
        List<TablePrecount> tables = new ArrayList<>();
        for (int n = 1; n <= index.get().parts(); n++) {
            Optional<RowPrecount> part = store.document(part(n), RowPrecount.class)
                    .filter(p -> p.executionName().equals(executionName));
            if (part.isEmpty() || (first != null && !sameRun(first, part.get()))) {
                return Optional.empty();
            }
            first = first == null ? part.get() : first;
            tables.addAll(part.get().tables());
        }
        return Optional.of(with(first, tables));
    }

    private static boolean sameRun(RowPrecount a, RowPrecount b) {
        return a.startedAt().equals(b.startedAt()) && a.checksums() == b.checksums();
    }

    private static RowPrecount with(RowPrecount p, List<TablePrecount> tables) {
        return new RowPrecount(p.executionName(), p.startedAt(), p.settleMarginSeconds(), p.checksums(),
                p.sourceStatsEpoch(), p.targetStatsEpoch(), tables);
    }

    private static int bytes(Object document) {
        return Json.write(document).getBytes(StandardCharsets.UTF_8).length;
    }
}
