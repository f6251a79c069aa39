package org.familyhub.cluster;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.UUID;

/**
 * This process's name among the replicas: {@code familyhub.replica-id}, else the host name (a pod's name) plus a
 * random suffix, so a container restarted in the same pod is a new replica and the batches its predecessor left
 * are seen as abandoned.
 */
public record ReplicaIdentity(String id) {

    public static ReplicaIdentity of(String configured) {
        if (configured != null && !configured.isBlank()) {
            return new ReplicaIdentity(configured.trim());
        }
        return new ReplicaIdentity(hostName() + "-" + UUID.randomUUID().toString().substring(0, 8));
    }

    private static String hostName() {
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) {
            return env;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "replica";
        }
    }
}
