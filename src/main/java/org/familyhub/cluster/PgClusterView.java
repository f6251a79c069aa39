package org.familyhub.cluster;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.apache.camel.cluster.CamelClusterMember;
import org.apache.camel.support.cluster.AbstractCamelClusterView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One namespace of {@link PgClusterService}: a session advisory lock on a connection of its own, tried (when not held)
 * or checked (when held) every retry period by the service's scheduler thread. Leadership changes are announced to
 * Camel's listeners (the {@code master:} consumers), which start or stop the wrapped consumer.
 */
public class PgClusterView extends AbstractCamelClusterView {

    private static final Logger log = LoggerFactory.getLogger(PgClusterView.class);
    static final String APPLICATION_PREFIX = "familyhub-cluster ";

    private final PgClusterService service;
    private final long key;
    private final LocalMember local = new LocalMember();
    private volatile boolean leader;
    private volatile String remoteLeader;
    private Connection connection; // only the scheduler thread (and doStop, after cancelling it) touches it
    private ScheduledFuture<?> task;

    PgClusterView(PgClusterService service, String namespace) {
        super(service, namespace);
        this.service = service;
        this.key = lockKey(namespace);
    }

    /** A 64-bit key from the namespace: far outside the int4 range of the {@code hashtext()} keys used elsewhere. */
    static long lockKey(String namespace) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256")
                    .digest(("familyhub-cluster/" + namespace).getBytes(StandardCharsets.UTF_8));
            long k = 0;
            for (int i = 0; i < 8; i++) {
                k = (k << 8) | (d[i] & 0xff);
            }
            return k;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public Optional<CamelClusterMember> getLeader() {
        if (leader) {
            return Optional.of(local);
        }
        String other = remoteLeader;
        return other == null ? Optional.empty() : Optional.of(new RemoteMember(other));
    }

    @Override
    public CamelClusterMember getLocalMember() {
        return local;
    }

    @Override
    public List<CamelClusterMember> getMembers() {
        List<CamelClusterMember> members = new ArrayList<>(2);
        members.add(local);
        getLeader().filter(m -> !m.isLocal()).ifPresent(members::add);
        return members;
    }

    @Override
    protected void doStart() {
        long period = service.retryPeriod().toMillis();
        task = service.scheduler().scheduleWithFixedDelay(this::check, 0, period, TimeUnit.MILLISECONDS);
    }

    @Override
    protected void doStop() throws Exception {
        if (task != null) {
            task.cancel(false);
            try {
                task.get(5, TimeUnit.SECONDS);
            } catch (Exception ignored) {
                // cancelled (the usual case) or still running a check: either way no new check starts
            }
            task = null;
        }
        synchronized (this) {
            closeConnection(); // frees the lock at once, so another replica can take over without waiting
            if (leader) {
                leader = false;
                log.info("Cluster namespace {}: leadership released by {} (stopping)", getNamespace(), service.memberId());
                fireLeadershipChangedEvent((CamelClusterMember) null);
            }
        }
    }

    /** One round: take the lock if free, or check that the session holding it is still there. */
    synchronized void check() {
        if (!isRunAllowed()) {
            return;
        }
        try {
            if (connection == null) {
                connection = service.connections().open(APPLICATION_PREFIX + service.memberId());
                connection.setAutoCommit(true);
            }
            if (!leader) {
                if (tryLock()) {
                    leader = true;
                    remoteLeader = null;
                    log.info("Cluster namespace {}: {} is now the leader", getNamespace(), service.memberId());
                    fireLeadershipChangedEvent(local);
                } else {
                    remoteLeader = holder();
                }
            } else if (!stillHeld()) {
                throw new SQLException("the advisory lock is no longer held by this session");
            }
        } catch (SQLException | RuntimeException e) {
            closeConnection();
            if (leader) {
                leader = false;
                log.warn("Cluster namespace {}: {} lost leadership ({})", getNamespace(), service.memberId(), e.getMessage());
                fireLeadershipChangedEvent((CamelClusterMember) null);
            } else {
                log.debug("Cluster namespace {}: could not try the lock ({})", getNamespace(), e.getMessage());
            }
        }
    }

    private boolean tryLock() throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("select pg_try_advisory_lock(?)")) {
            ps.setLong(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    /** A bigint advisory key appears in pg_locks as classid = its high 32 bits, objid = its low 32 bits, objsubid 1. */
    private static final String LOCK_ROW = "l.locktype = 'advisory' and l.granted and l.objsubid = 1"
            + " and l.classid = ?::bigint::oid and l.objid = ?::bigint::oid";

    private boolean stillHeld() throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(
                "select exists (select 1 from pg_locks l where l.pid = pg_backend_pid() and " + LOCK_ROW + ")")) {
            ps.setLong(1, key >>> 32);
            ps.setLong(2, key & 0xffffffffL);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    /** The member id of the session holding the lock, from its application name; null if none or not visible. */
    private String holder() throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(
                "select a.application_name from pg_locks l join pg_stat_activity a on a.pid = l.pid where " + LOCK_ROW)) {
            ps.setLong(1, key >>> 32);
            ps.setLong(2, key & 0xffffffffL);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    String name = rs.getString(1);
                    return name != null && name.startsWith(APPLICATION_PREFIX) ? name.substring(APPLICATION_PREFIX.length()) : name;
                }
                return null;
            }
        }
    }

    private void closeConnection() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // already broken: PostgreSQL frees the session's locks when it sees it gone
            }
            connection = null;
        }
    }

    private final class LocalMember implements CamelClusterMember {
        @Override
        public boolean isLeader() {
            return leader;
        }

        @Override
        public boolean isLocal() {
            return true;
        }

        @Override
        public String getId() {
            return service.memberId();
        }
    }

    private record RemoteMember(String getId) implements CamelClusterMember {
        @Override
        public boolean isLeader() {
            return true;
        }

        @Override
        public boolean isLocal() {
            return false;
        }
    }
}
