package io.cutover.core.phase;

import java.time.Instant;

/** One step in a cutover's history; {@code readerPercent} is the reader weight on the target after it. */
public record PhaseChange(Phase from, Phase to, int readerPercent, Instant at, String reason) {
}
