package org.familyhub.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.familyhub.config.HubPaths;
import org.familyhub.support.Feeds;
import org.familyhub.support.HubIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** A file dropped in a partner's inbox is one batch: kept, then moved to done/ (or failed/ when unreadable). */
@HubIntegrationTest
class FileDropIT {

    @Autowired
    HubPaths paths;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aDroppedFileIsIngestedOnceAndMovedToDone() throws IOException {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String name = "incidents-" + run + ".csv";
        String body = Feeds.POLICE_HEADER
                + "INC-" + run + "-1,2026-10-01T21:15:00+01:00,ASB,SUSPECT,Lee,Smith,1988-07-14,M,1 High St,,Coventry,CV1 1AA,,,PC A Khan,North,024 7600 2222,a@p.example\n"
                + "INC-" + run + "-2,2026-10-01T21:15:00+01:00,NOT_A_CATEGORY,SUSPECT,Mia,Smith,2014-08-30,F,1 High St,,Coventry,CV1 1AA,,,PC A Khan,North,024 7600 2222,a@p.example\n";
        drop("police", name, body);

        Map<String, Object> batch = awaitBatch(name);
        assertThat(batch).containsEntry("status", "COMPLETED").containsEntry("source", "FILE")
                .containsEntry("received", 2).containsEntry("accepted", 1).containsEntry("quarantined", 1);
        Path inbox = paths.inbox("police");
        await().atMost(Duration.ofSeconds(10)).until(() -> filesNamed(inbox.resolve("done"), name).size() == 1);
        assertThat(inbox.resolve(name)).doesNotExist();
        assertThat(Files.readString(filesNamed(inbox.resolve("done"), name).get(0))).isEqualTo(body);
    }

    @Test
    void anUnreadableFileFailsWithItsReasonAndIsKeptInFailed() throws IOException {
        String name = "broken-" + UUID.randomUUID() + ".xml";
        drop("school", name, "<AttendanceReturn schoolUrn=\"1\"><Pupil><UPN>");

        Map<String, Object> batch = awaitBatch(name);
        assertThat(batch).containsEntry("status", "FAILED");
        assertThat((String) batch.get("error")).isNotBlank();
        Path inbox = paths.inbox("school");
        await().atMost(Duration.ofSeconds(10)).until(() -> filesNamed(inbox.resolve("failed"), name).size() == 1);
    }

    /** Written under a temporary name and renamed, as a partner's SFTP client does, so no half file is read. */
    private void drop(String partner, String name, String body) throws IOException {
        Path inbox = paths.inbox(partner);
        Files.createDirectories(inbox);
        Path part = inbox.resolve(name + ".part");
        Files.writeString(part, body, StandardCharsets.UTF_8);
        Files.move(part, inbox.resolve(name));
    }

    private Map<String, Object> awaitBatch(String name) {
        await().atMost(Duration.ofSeconds(20)).until(() -> !jdbc.queryForList(
                "select 1 from batch where source_name = ? and status <> 'PROCESSING'", name).isEmpty());
        return jdbc.queryForMap("select * from batch where source_name = ?", name);
    }

    private static List<Path> filesNamed(Path dir, String name) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith("-" + name)).toList();
        }
    }
}
