package io.cutover.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReplicationSetTest {
    @Test
    void dmsTables_leaveOutDmsOwnTables_andTheDrainMarker_soNeitherIsCountedNorWatched() {
        DmsTableMappings mappings = () -> List.of(new Identifiers.QualifiedName("public", "orders"),
                new Identifiers.QualifiedName("awsdms_control", PgDmsMarkerDrain.TABLE),
                new Identifiers.QualifiedName("public", "awsdms_heartbeat"),
                new Identifiers.QualifiedName("public", "customers"));

        List<Identifiers.QualifiedName> set = new PgReplicationSet(null).dmsTables(mappings, Duration.ofSeconds(1));

        assertThat(set).containsExactly(new Identifiers.QualifiedName("public", "customers"),
                new Identifiers.QualifiedName("public", "orders"));
    }
}
