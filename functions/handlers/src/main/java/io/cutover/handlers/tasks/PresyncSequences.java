package io.cutover.handlers.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.core.json.Json;
import io.cutover.core.phase.Phase;
import io.cutover.core.port.db.FedColumn;
import io.cutover.core.port.db.DatabaseStepException;
import io.cutover.handlers.app.CutoverStore;
import io.cutover.handlers.app.DatabaseSide;
import io.cutover.core.port.db.FedColumnReads;
import io.cutover.handlers.app.SequencePresync;
import io.cutover.handlers.app.SequenceSyncSummary;
import io.cutover.handlers.errors.SequenceSyncIncompleteException;
import io.cutover.handlers.tasks.WorkflowTask.NoInput;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;

/**
 * Before the fence, outside the write window (issue 20): the whole sequence sync, every fed column's largest value
 * read on the target, so that SyncSequences, while writes are down, reads the source's positions and only the fed
 * columns found past their sequence here. A sequence that cannot be carried over stops the cutover now, before any
 * write is refused. The pre-sync only saves time: when it cannot run (a database step failed), no record is kept and
 * SyncSequences reads every fed column, as without it.
 */
public final class PresyncSequences extends BaseTask<NoInput, PresyncSequences.Outcome> {
    /** A Parameter Store document holds 8 KB; a longer recheck list is replaced by "recheck all". */
    static final int DOCUMENT_MAX_BYTES = 7000;

    /** @param report the sync's report, null when it failed; @param presync what was stored, or null */
    public record Outcome(JsonNode report, SequencePresync presync, String reason) {
    }

    public PresyncSequences() {
        super("presyncSequences", NoInput::of, EnumSet.of(Phase.SHIFTING), Lock.HELD);
    }

    @Override
    public Outcome effect(TaskContext context, NoInput input) {
        // No record of an earlier attempt may stand for this one, whatever happens next.
        context.store().deleteDocument(CutoverStore.SEQUENCE_PRESYNC);
        java.time.Instant at = context.now();
        JsonNode report;
        try (DatabaseSide db = context.databases()) {
            report = db.syncSequences(FedColumnReads.ALL);
        } catch (DatabaseStepException e) {
            return new Outcome(null, null, "the pre-sync failed, SyncSequences reads every fed column: "
                    + e.getMessage());
        }
        if (!report.path("problems").isEmpty()) {
            return new Outcome(report, null, null);
        }
        List<FedColumn> recheck = Json.MAPPER.convertValue(report.path("fedAheadColumns"),
                new com.fasterxml.jackson.core.type.TypeReference<List<FedColumn>>() { });
        List<String> schemas = Json.MAPPER.convertValue(report.path("schemas"),
                new com.fasterxml.jackson.core.type.TypeReference<List<String>>() { });
        SequencePresync presync = new SequencePresync(context.executionName(), at, false, schemas, recheck,
                report.path("fedColumns").asInt(), report.path("sequencesDigest").asText(null));
        if (Json.write(presync).getBytes(StandardCharsets.UTF_8).length > DOCUMENT_MAX_BYTES) {
            presync = new SequencePresync(context.executionName(), at, true, schemas, List.of(),
                    presync.fedColumns(), presync.sequencesDigest());
        }
        context.store().saveDocument(CutoverStore.SEQUENCE_PRESYNC, presync);
        return new Outcome(report, presync, null);
    }

    @Override
    public void verdict(NoInput input, Outcome outcome) {
        if (outcome.report() != null && !outcome.report().path("problems").isEmpty()) {
            throw new SequenceSyncIncompleteException("sequences cannot be carried over to the target (found before"
                    + " the fence): " + SequenceSyncSummary.problems(outcome.report()));
        }
    }

    @Override
    public ObjectNode output(TaskContext context, NoInput input, Outcome outcome) {
        ObjectNode result = Json.MAPPER.createObjectNode();
        SequencePresync p = outcome.presync();
        result.put("stored", p != null);
        result.put("sequences", outcome.report() == null ? 0 : outcome.report().path("sequences").size());
        result.put("advanced", outcome.report() == null ? 0 : outcome.report().path("advanced").asInt());
        result.put("fedColumnsRead", outcome.report() == null ? 0 : outcome.report().path("fedColumnsRead").asInt());
        result.put("recheckAll", p != null && p.recheckAll());
        result.put("recheck", p == null ? 0 : p.recheck().size());
        if (outcome.reason() != null) {
            result.put("reason", outcome.reason());
        }
        return result;
    }
}
