package org.familyhub.linkage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EvaluationTest {

    @Test
    void pairMetricsCountFromClusters() {
        Map<String, String> truth = Map.of("a", "1", "b", "1", "c", "1", "d", "2");
        Map<String, String> predicted = Map.of("a", "P1", "b", "P1", "c", "P2", "d", "P2");
        PairMetrics m = LinkageEvaluation.allPairs(predicted, truth);
        assertEquals(new PairMetrics(1, 2, 3), m);
        assertEquals(0.5, m.precision(), 1e-9);
    }

    @Test
    void syntheticEstateLinksWell() throws Exception {
        EvaluateCommand.Report r = EvaluateCommand.synthetic(300, 42, LinkageConfig.standard());
        assertTrue(r.records() > 1000);
        assertTrue(r.metrics().f1() >= 0.97, r.metrics().toString());
        assertTrue(r.metrics().precision() >= 0.98, r.metrics().toString());
        long allPairs = (long) r.records() * (r.records() - 1) / 2;
        assertTrue(r.comparisons() < allPairs / 100, "comparisons " + r.comparisons());
    }

    @Test
    void febrlWhenTheDataIsThere() throws Exception {
        Path dir = Path.of("..", "shared", "data", "febrl");
        assumeTrue(Files.isRegularFile(dir.resolve("dataset4a.csv")), "FEBRL 4 not present");
        EvaluateCommand.Report r = EvaluateCommand.febrl(dir, LinkageConfig.standard());
        assertTrue(r.metrics().f1() >= 0.97, r.metrics().toString());
    }

    @Test
    void commandRejectsBadArguments() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        EvaluateCommand cmd = new EvaluateCommand(new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(2, cmd.run(new String[] {}));
        assertEquals(2, cmd.run(new String[] {"--families"}));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("usage"));
    }

    @Test
    void febrlRowsMapToPersons() {
        PersonRecord r = FebrlRows.map(Map.of("rec_id", "rec-5-dup-0", " given_name", "michaela", " surname", "neumann",
                " street_number", "8", " address_1", "stanley street", " suburb", "winston hills", " postcode", "4223",
                " date_of_birth", "19151111", " soc_sec_id", "5304218"));
        assertEquals("8 stanley street", r.line1());
        assertEquals("winston hills", r.town());
        assertEquals("5304218", r.weakId());
        assertTrue(r.strongIds().isEmpty(), "soc_sec_id is never deterministic");
        assertEquals("5", FebrlRows.entity(r.key()));
    }
}
