package io.cutover.local.rehearsal;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;

/**
 * A finished rehearsal.
 *
 * @param report    what report.json holds
 * @param safe      the run showed what it must: for the fenced switch, nothing lost, duplicated or split, and the
 *                  expected ending (completed without faults; rolled back with a writable source with faults). The
 *                  naive reference design is never "safe": its losses are the point of running it
 */
public record RehearsalResult(JsonNode report, Path reportJson, Path reportHtml, boolean safe) {
}
