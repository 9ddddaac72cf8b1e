package io.cutover.core.weights;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutover.core.port.cloud.RecordAtName;
import io.cutover.core.port.cloud.RecordGroupRef;
import io.cutover.core.port.cloud.RecordTarget;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecordAdoptionTest {
    private static final String SOURCE = "orders-pg.abcdefghijkl.eu-west-1.rds.amazonaws.com";
    private static final String TARGET = "orders-aurora.cluster-abcdefghijkl.eu-west-1.rds.amazonaws.com";
    private static final RecordGroupRef WRITER = new RecordGroupRef("orders-writer", "Z0123456789ABCDEFGHIJ",
            "db.orders.internal.example.com", "CNAME", 30, new RecordTarget("source", SOURCE),
            new RecordTarget("aurora", TARGET));

    private static RecordAtName plain(String value, long ttl) {
        return new RecordAtName("CNAME", null, null, ttl, List.of(value));
    }

    private static RecordAtName weighted(String setIdentifier, long weight, String value) {
        return new RecordAtName("CNAME", setIdentifier, weight, 30L, List.of(value));
    }

    @Test
    void aPlainRecordOfTheSource_isReplacedByThePair_evenWithAnotherTtlOrCaseOrRootDot() {
        RecordAtName found = plain(SOURCE.toUpperCase() + ".", 300);

        RecordAdoption.Plan plan = RecordAdoption.plan(WRITER, List.of(found));

        assertThat(plan).isInstanceOf(RecordAdoption.Replace.class);
        assertThat(((RecordAdoption.Replace) plan).plain()).isEqualTo(found);
        assertThat(plan.reason()).contains("source=100, aurora=0 (ttl 30)", "ttl 300");
    }

    @Test
    void theWeightedPair_isAlreadyAdopted_whateverItsWeights() {
        RecordAdoption.Plan plan = RecordAdoption.plan(WRITER, List.of(weighted("source", 20, SOURCE),
                weighted("aurora", 80, TARGET)));

        assertThat(plan).isInstanceOf(RecordAdoption.AlreadyAdopted.class);
    }

    @Test
    void aPlainRecordPointingElsewhere_isRefused_becauseAdoptingItWouldMoveTraffic() {
        RecordAdoption.Plan plan = RecordAdoption.plan(WRITER, List.of(plain("legacy-db.example.com", 60)));

        assertThat(plan).isInstanceOf(RecordAdoption.Refused.class);
        assertThat(plan.reason()).contains("legacy-db.example.com", "would move traffic");
    }

    @Test
    void nothingAtTheName_isRefused_namingWhatAdoptionNeeds() {
        assertThat(RecordAdoption.plan(WRITER, List.of()))
                .isInstanceOf(RecordAdoption.Refused.class)
                .extracting(RecordAdoption.Plan::reason).asString().contains("no record at the name", SOURCE);
    }

    @Test
    void halfAPair_otherSetIdentifiers_aliasesAndOtherTypes_areRefused() {
        List<List<RecordAtName>> found = List.of(
                List.of(weighted("source", 100, SOURCE)),
                List.of(weighted("blue", 100, SOURCE), weighted("green", 0, TARGET)),
                List.of(weighted("source", 100, SOURCE), weighted("aurora", 0, TARGET), weighted("third", 0, TARGET)),
                List.of(new RecordAtName("CNAME", null, null, null, List.of())),
                List.of(new RecordAtName("A", null, null, 60L, List.of("10.0.0.1"))),
                List.of(new RecordAtName("CNAME", null, null, 60L, List.of(SOURCE, TARGET))));
        for (List<RecordAtName> records : found) {
            assertThat(RecordAdoption.plan(WRITER, records)).as(records.toString())
                    .isInstanceOf(RecordAdoption.Refused.class);
        }
    }
}
