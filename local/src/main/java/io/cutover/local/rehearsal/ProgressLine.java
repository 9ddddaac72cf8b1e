package io.cutover.local.rehearsal;

import io.cutover.core.port.cloud.Weights;
import java.util.Locale;

/** The one progress line rewritten in place while the rehearsal runs. */
final class ProgressLine {
    static final int WIDTH = 118;

    private ProgressLine() {
    }

    static String format(TimelineSample sample, long startedAt, String writerGroup, String readerGroup) {
        String line = String.format(Locale.ROOT, "%6.1fs  %-24s writer %-7s reader %-7s lag %-9s writes %4.0f/s  "
                        + "reads %4.0f/s  errors %d",
                (sample.at() - startedAt) / 1000.0, clip(sample.phase(), 24), weights(sample.weights().get(writerGroup)),
                weights(sample.weights().get(readerGroup)), bytes(sample.lagBytes()), sample.writesPerSecond(),
                sample.readsPerSecond(), sample.totalErrors());
        return line.length() >= WIDTH ? line : line + " ".repeat(WIDTH - line.length());
    }

    static String weights(Weights w) {
        return w == null ? "-" : w.source() + "/" + w.target();
    }

    static String bytes(Long value) {
        if (value == null) {
            return "?";
        }
        if (value < 1024) {
            return value + " B";
        }
        if (value < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f KB", value / 1024.0);
        }
        return String.format(Locale.ROOT, "%.1f MB", value / (1024.0 * 1024));
    }

    private static String clip(String text, int width) {
        return text.length() <= width ? text : text.substring(0, width - 1) + "…";
    }
}
