package io.cutover.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.core.config.CutoverConfig;
import io.cutover.core.json.Json;
import io.cutover.core.port.db.DatabaseLoginUnavailableException;
import io.cutover.handlers.AlarmRollbackHandler;
import io.cutover.handlers.CutoverApiHandler;
import io.cutover.handlers.ReadinessPollHandler;
import io.cutover.handlers.WorkflowTaskHandler;
import io.cutover.handlers.app.DatabaseSideFactory;
import io.cutover.local.adapters.EffectLog;
import java.time.Clock;
import java.util.List;


/**
 * Runs one handler in-process on local adapters and reports its answer and every effect it made,
 * so users can check payloads and event routing before deploying.
 */
public final class LocalInvoker {
    public static final List<String> FUNCTIONS = List.of("CutoverApi", "ReadinessPoll", "AlarmRollback", "WorkflowTasks");

    private LocalInvoker() {
    }

    /** The invocation result: the handler's answer, the effects, and whether the input was rejected. */
    public record Invocation(ObjectNode report, boolean invalidInput) {
    }

    /** @param config {@code configJson} as parsed; the local Parameter Store holds the text as written */
    public static Invocation invoke(String function, String body, CutoverConfig config, String configJson,
                                    LocalState state, DatabaseSideFactory databases) {
        Clock clock = LocalEnvironment.clockFor(state);
        LocalEnvironment env = new LocalEnvironment(config, configJson, state, clock, databases, start -> { });
        String id = config.migrationId();
        ObjectNode report = Json.MAPPER.createObjectNode();
        report.put("function", function);
        try {
            JsonNode response = switch (function) {
                case "CutoverApi" -> new CutoverApiHandler(env.ports, id).handle(body);
                case "ReadinessPoll" -> new ReadinessPollHandler(env.ports, id).handle(body);
                case "AlarmRollback" -> new AlarmRollbackHandler(env.ports, id).handle(body);
                case "WorkflowTasks" -> new WorkflowTaskHandler(env.ports, id).handle(body);
                default -> throw new IllegalArgumentException("FUNCTION: unknown function '" + function
                        + "'; expected one of " + FUNCTIONS);
            };
            report.set("response", response);
        } catch (RuntimeException e) {
            ObjectNode error = report.putObject("error");
            error.put("errorType", e.getClass().getName());
            error.put("errorMessage", String.valueOf(e.getMessage()));
        }
        report.set("effects", effects(env.effects));
        ObjectNode finalState = report.putObject("state");
        finalState.set("weights", Json.MAPPER.valueToTree(env.records.snapshot()));
        env.store.documents(id).forEach((name, json) -> {
            if (!name.equals("config")) {
                finalState.set(name, Json.parseTree(json, name));
            }
        });
        finalState.set("lock", Json.MAPPER.valueToTree(env.lock.holder(id)));
        boolean invalid = "invalid".equals(report.path("response").path("outcome").asText());
        return new Invocation(report, invalid);
    }

    static ArrayNode effects(EffectLog log) {
        ArrayNode array = Json.MAPPER.createArrayNode();
        for (EffectLog.Effect effect : log.all()) {
            ObjectNode node = array.addObject();
            node.put("at", effect.at().toString());
            node.put("call", effect.call());
            node.put("target", effect.target());
            node.set("detail", effect.detail());
        }
        return array;
    }

    /** Used when the config has no database reachable from here (AWS secrets): database steps say so. */
    public static DatabaseSideFactory unreachableDatabases() {
        return config -> {
            throw new DatabaseLoginUnavailableException("the databases of migration " + config.migrationId() + " are reached with "
                    + "Secrets Manager secrets, which a local invocation cannot read; steps that need the databases "
                    + "run in AWS or in the rehearsal (./cutover rehearse)");
        };
    }

}
