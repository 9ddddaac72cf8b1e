package io.cutover.cdk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The operator API may adopt plain records (adopt_records) and nothing more: DELETE and CREATE of our names. */
class RecordAdoptionPolicyIT {
    private final TemplateJson control = TemplateJson.of(Synthesized.example().control());

    @Test
    void cutoverApi_mayDeleteAndCreate_onlyTheConfiguredNamesAndTypes_andListTheZone() {
        String role = control.roleIdOf(control.functionId("cutover-orders-db-CutoverApi"));
        List<JsonNode> statements = control.statementsOfRole(role);

        JsonNode change = statements.stream().filter(s -> s.path("Sid").asText().equals("AdoptPlainRecordsInZone0"))
                .findFirst().orElseThrow(() -> new AssertionError("no adoption grant in " + statements));
        JsonNode condition = change.path("Condition").path("ForAllValues:StringEquals");
        assertThat(TemplateJson.texts(change.path("Action"))).containsExactly("route53:ChangeResourceRecordSets");
        assertThat(TemplateJson.texts(condition.path("route53:ChangeResourceRecordSetsActions")))
                .containsExactly("DELETE", "CREATE");
        assertThat(TemplateJson.texts(condition.path("route53:ChangeResourceRecordSetsNormalizedRecordNames")))
                .containsExactlyInAnyOrder("db.orders.internal.example.com", "db-ro.orders.internal.example.com");
        assertThat(TemplateJson.texts(condition.path("route53:ChangeResourceRecordSetsRecordTypes")))
                .containsExactly("CNAME");
        assertThat(statements).anySatisfy(s -> assertThat(TemplateJson.texts(s.path("Action")))
                .containsExactly("route53:ListResourceRecordSets"));
    }
}
