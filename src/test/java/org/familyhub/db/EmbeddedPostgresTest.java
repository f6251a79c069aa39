package org.familyhub.db;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class EmbeddedPostgresTest {

    private Path folder;
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @BeforeEach
    void createFolder() throws IOException {
        // Not @TempDir: that is 0700, which 'nobody' (the server account when we are root) cannot traverse.
        folder = Files.createTempDirectory("familyhub-pg-it-");
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @AfterEach
    void cleanUp() throws Exception {
        for (AutoCloseable c : toClose) {
            c.close();
        }
        delete(folder);
    }

    private EmbeddedPostgres start(Path dataDir) {
        EmbeddedPostgres pg = EmbeddedPostgres.builder().dataDir(dataDir).fsync(false).build();
        toClose.add(pg);
        long t0 = System.nanoTime();
        pg.start();
        System.out.printf("start on %s took %d ms%n", pg.dataDir(), (System.nanoTime() - t0) / 1_000_000);
        return pg;
    }

    @Test
    void restartKeepsData() throws Exception {
        Path data = folder.resolve("pgdata");
        EmbeddedPostgres first = start(data);
        assertThat(queryString(first, "select version()")).contains("PostgreSQL 17.6");
        update(first, "create table note (id int primary key, text varchar(50))");
        update(first, "insert into note values (1, 'kept')");
        first.close();
        assertThat(data.resolve("postmaster.pid")).doesNotExist();

        EmbeddedPostgres second = start(data);
        assertThat(queryString(second, "select text from note where id = 1")).isEqualTo("kept");
        assertThat(second.jdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:" + second.port() + "/familyhub");
    }

    @Test
    void recoversFromServerLeftRunningByKilledJvm() throws Exception {
        Path data = folder.resolve("pgdata");
        EmbeddedPostgres killed = start(data);
        update(killed, "create table t (v int)");
        update(killed, "insert into t values (42)");
        // No close(): like a JVM killed with -9, the postmaster keeps running on the folder.

        EmbeddedPostgres next = start(data);
        assertThat(next.port()).isNotEqualTo(killed.port());
        assertThat(queryString(next, "select v from t")).isEqualTo("42");

        killed.close(); // late close (its shutdown hook) must not stop the new server
        assertThat(queryString(next, "select v from t")).isEqualTo("42");
    }

    @Test
    void startsDespiteStalePidFileWithoutProcess() throws Exception {
        Path data = folder.resolve("pgdata");
        start(data).close();
        // A pid that does not exist (beyond the default pid_max range): pg_ctl/postgres must treat the file as stale.
        Path pidFile = data.resolve("postmaster.pid");
        Files.writeString(pidFile, "4194000\n" + data + "\n1700000000\n5432\n/tmp\n127.0.0.1\n  0  0\nready\n");
        if (EmbeddedPostgres.runningAsRoot()) {
            Files.setOwner(pidFile, Files.getOwner(data)); // as the old server would have left it
        }
        EmbeddedPostgres pg = start(data);
        assertThat(queryString(pg, "select 1")).isEqualTo("1");
    }

    @Test
    void relocatesDataFolderTheServerAccountCannotReachWhenRoot() throws Exception {
        assumeTrue(EmbeddedPostgres.runningAsRoot(), "only relevant when the JVM runs as root");
        Path privateDir = Files.createDirectory(folder.resolve("private"));
        Files.setPosixFilePermissions(privateDir, PosixFilePermissions.fromString("rwx------"));
        Path requested = privateDir.resolve("pgdata");
        Path expected = Path.of(EmbeddedPostgres.RELOCATION_BASE, EmbeddedPostgres.sha256Hex16(requested.toString()));
        try {
            EmbeddedPostgres pg = start(requested);
            assertThat(pg.dataDir()).isEqualTo(expected);
            update(pg, "create table r (v int)");
            pg.close();
            EmbeddedPostgres again = start(requested);
            assertThat(again.dataDir()).isEqualTo(expected);
            assertThat(queryString(again, "select count(*) from r")).isEqualTo("0");
            again.close();
            assertThat(Files.getPosixFilePermissions(privateDir)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
        } finally {
            delete(expected);
        }
    }

    @Test
    void failingStartReportsCommandExitCodeAndLog() throws Exception {
        try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            EmbeddedPostgres pg = EmbeddedPostgres.builder().dataDir(folder.resolve("pgdata"))
                    .port(busy.getLocalPort()).fsync(false).build();
            toClose.add(pg);
            assertThatThrownBy(pg::start)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("pg_ctl")
                    .hasMessageContaining("exit 1")
                    .hasMessageContaining("could not bind");
        }
    }

    @Test
    void ephemeralServerDeletesItsFolderOnClose() throws Exception {
        EmbeddedPostgres pg = EmbeddedPostgres.startEphemeral();
        Path data = pg.dataDir();
        assertThat(queryString(pg, "show fsync")).isEqualTo("off");
        pg.close();
        assertThat(data.getParent()).doesNotExist();
    }

    static String queryString(EmbeddedPostgres pg, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), pg.username(), pg.password());
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            assertThat(rs.next()).isTrue();
            return rs.getString(1);
        }
    }

    private static void update(EmbeddedPostgres pg, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), pg.username(), pg.password());
             Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static void delete(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> all = Files.walk(p)) {
            for (Path f : (Iterable<Path>) all.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(f);
            }
        }
    }
}
