package io.cutover.core.port.cloud;

import io.cutover.core.config.DmsTaskSettings;
import java.util.List;
import java.util.Map;

/** Reads the settings DMS tasks actually run with, rather than the ones the stack meant to deploy. */
@FunctionalInterface
public interface DmsTaskSettingsReader {

    /**
     * @return each task's settings by task ARN; a task DMS does not know is absent from the map
     * @throws io.cutover.core.json.InvalidDocumentException when a task's settings cannot be read as DMS documents
     *                                                       them (the field is named)
     */
    Map<String, DmsTaskSettings> taskSettings(List<String> taskArns);
}
