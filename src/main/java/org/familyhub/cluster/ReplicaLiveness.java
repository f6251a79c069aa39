package org.familyhub.cluster;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Tells the other replicas that this one is alive: a session advisory lock on its own id, held on a dedicated
 * connection for as long as the process lives. A replica killed with SIGKILL loses the connection and so the lock at
 * once, and {@link #isGone} (any replica, in a transaction) sees it free. Whatever it had in hand that lives in the
 * database (batches it was processing) can then be settled by the others without guessing from timestamps.
 */
public class ReplicaLiveness implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ReplicaLiveness.class);

    private final ClusterConnections connections;
    private final ReplicaIdentity self;
    private Connection connection;

    public ReplicaLiveness(ClusterConnections connections, ReplicaIdentity self) {
        this.connections = connections;
        this.self = self;
    }

    static long key(String replicaId) {
        return PgClusterView.lockKey("replica/" + replicaId);
    }

    /** Takes (or re-takes, after a broken connection) this replica's lock; called at start and then on a schedule. */
    public synchronized void hold() {
        try {
            if (connection != null && connection.isValid(5)) {
                return;
            }
            closeQuietly();
            connection = connections.open("familyhub-replica " + self.id());
            try (PreparedStatement ps = connection.prepareStatement("select pg_try_advisory_lock(?)")) {
                ps.setLong(1, key(self.id()));
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next() || !rs.getBoolean(1)) {
                        throw new SQLException("replica id " + self.id() + " is held by another live process");
                    }
                }
            }
            log.info("Replica {} is registered as alive", self.id());
        } catch (SQLException e) {
            closeQuietly();
            log.warn("Replica {}: could not hold its liveness lock ({}); retrying", self.id(), e.getMessage());
        }
    }

    /** In the caller's transaction: true when no live process holds {@code replicaId}'s lock. */
    public static boolean isGone(JdbcTemplate jdbc, String replicaId) {
        return Boolean.TRUE.equals(jdbc.queryForObject("select pg_try_advisory_xact_lock(?)", Boolean.class, key(replicaId)));
    }

    public ReplicaIdentity self() {
        return self;
    }

    @Override
    public synchronized void close() {
        closeQuietly();
    }

    private void closeQuietly() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // gone already
            }
            connection = null;
        }
    }
}
