package io.cutover.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.cutover.core.json.InvalidDocumentException;
import io.cutover.core.json.Json;
import org.junit.jupiter.api.Test;

class DmsTaskSettingsTest {

    @Test
    void defaults_enableTheStatusTable_inAControlSchemaOfItsOwn_withTransactionalApply() {
        DmsTaskSettings settings = DmsTaskSettings.defaults();

        assertThat(settings.statusTableEnabled()).isTrue();
        assertThat(settings.controlSchema()).isEqualTo("awsdms_control").isNotEqualTo("public");
        assertThat(settings.batchApplyEnabled()).isFalse();
        assertThat(settings.minTransactionSize()).isEqualTo(1000);
        assertThat(settings.commitTimeoutSeconds()).isEqualTo(1);
    }

    @Test
    void toJson_writesTheFieldsUnderTheNamesDmsReads() {
        JsonNode json = Json.parseTree(DmsTaskSettings.defaults().withTargetTablePrepMode("TRUNCATE_BEFORE_LOAD")
                .toJson(), "settings");

        assertThat(json.path("ControlTablesSettings").path("StatusTableEnabled").asBoolean()).isTrue();
        assertThat(json.path("ControlTablesSettings").path("ControlSchema").asText()).isEqualTo("awsdms_control");
        assertThat(json.path("TargetMetadata").path("BatchApplyEnabled").isBoolean()).isTrue();
        assertThat(json.path("ChangeProcessingTuning").path("MinTransactionSize").asInt()).isEqualTo(1000);
        assertThat(json.path("ChangeProcessingTuning").path("CommitTimeout").asInt()).isEqualTo(1);
        assertThat(json.path("FullLoadSettings").path("TargetTablePrepMode").asText()).isEqualTo("TRUNCATE_BEFORE_LOAD");
        assertThat(json.path("ValidationSettings").path("EnableValidation").asBoolean()).isTrue();
    }

    @Test
    void parse_readsBackWhatToJsonWrote() {
        DmsTaskSettings batch = new DmsTaskSettings(false, "ops", true, 50, 3, "DROP_AND_CREATE");

        assertThat(DmsTaskSettings.parse(batch.toJson())).isEqualTo(batch);
        assertThat(DmsTaskSettings.parse(DmsTaskSettings.defaults().toJson())).isEqualTo(DmsTaskSettings.defaults());
    }

    @Test
    void parse_takesDmsDefaults_forWhatTheFileLeavesOut_soNoStatusTable() {
        DmsTaskSettings settings = DmsTaskSettings.parse("{}");

        // DMS documents StatusTableEnabled as false unless set, and a blank ControlSchema as the target's default.
        assertThat(settings.statusTableEnabled()).isFalse();
        assertThat(settings.effectiveControlSchema()).isEqualTo("public");
        assertThat(settings.minTransactionSize()).isEqualTo(1000);
        assertThat(settings.commitTimeoutSeconds()).isEqualTo(1);
        assertThat(settings.batchApplyEnabled()).isFalse();
    }

    @Test
    void parse_refusesWrongTypes_namingEachField() {
        assertThatThrownBy(() -> DmsTaskSettings.parse("""
                {"ControlTablesSettings": {"StatusTableEnabled": "yes", "ControlSchema": 7},
                 "ChangeProcessingTuning": {"MinTransactionSize": 1.5}}"""))
                .isInstanceOf(InvalidDocumentException.class)
                .hasMessageContaining("ControlTablesSettings.StatusTableEnabled: got \"yes\"; expected true or false")
                .hasMessageContaining("ControlTablesSettings.ControlSchema")
                .hasMessageContaining("ChangeProcessingTuning.MinTransactionSize: got 1.5");
    }

    @Test
    void constructor_refusesOutOfRangeValues_namingTheSetting() {
        assertThatThrownBy(() -> new DmsTaskSettings(true, "bad schema", false, 0, 0, "KEEP"))
                .isInstanceOf(InvalidDocumentException.class)
                .hasMessageContaining("ControlTablesSettings.ControlSchema: got bad schema")
                .hasMessageContaining("ChangeProcessingTuning.MinTransactionSize: got 0")
                .hasMessageContaining("ChangeProcessingTuning.CommitTimeout: got 0")
                .hasMessageContaining("FullLoadSettings.TargetTablePrepMode: got KEEP");
    }

    @Test
    void parse_refusesADocumentThatIsNotAnObject() {
        assertThatThrownBy(() -> DmsTaskSettings.parse("[]")).isInstanceOf(InvalidDocumentException.class)
                .hasMessageContaining("expected a JSON object");
    }

    @Test
    void sourceHeartbeat_defaultsToEveryMinute_inTheControlSchema_andRefusesNonsense() {
        assertThat(SourceHeartbeat.defaults()).isEqualTo(new SourceHeartbeat(true, 1, "awsdms_control"));
        assertThatThrownBy(() -> new SourceHeartbeat(true, 0, "x")).hasMessageContaining("HeartbeatFrequency");
        assertThatThrownBy(() -> new SourceHeartbeat(true, 1, " ")).hasMessageContaining("HeartbeatSchema");
    }
}
