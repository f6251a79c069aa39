package org.familyhub.cluster;

import java.util.List;
import java.util.Optional;
import org.apache.camel.cluster.CamelClusterMember;
import org.apache.camel.support.cluster.AbstractCamelClusterService;
import org.apache.camel.support.cluster.AbstractCamelClusterView;

/**
 * {@code familyhub.cluster.kind: none}: one process that leads every namespace, so the {@code master:} routes run
 * without any lock. Only for a single replica; two of them would both poll every partner.
 */
public class LocalClusterService extends AbstractCamelClusterService<LocalClusterService.AlwaysLeader> {

    public LocalClusterService() {
        super("familyhub-local");
    }

    @Override
    protected AlwaysLeader createView(String namespace) {
        return new AlwaysLeader(this, namespace);
    }

    static final class AlwaysLeader extends AbstractCamelClusterView {
        private final CamelClusterMember self;

        AlwaysLeader(LocalClusterService service, String namespace) {
            super(service, namespace);
            this.self = new CamelClusterMember() {
                @Override
                public boolean isLeader() {
                    return isRunAllowed();
                }

                @Override
                public boolean isLocal() {
                    return true;
                }

                @Override
                public String getId() {
                    return "local";
                }
            };
        }

        @Override
        public Optional<CamelClusterMember> getLeader() {
            return Optional.of(self);
        }

        @Override
        public CamelClusterMember getLocalMember() {
            return self;
        }

        @Override
        public List<CamelClusterMember> getMembers() {
            return List.of(self);
        }

        @Override
        protected void doStart() {
            fireLeadershipChangedEvent(self);
        }

        @Override
        protected void doStop() {
            fireLeadershipChangedEvent((CamelClusterMember) null);
        }
    }
}
