package org.familyhub.cluster;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * Opens a dedicated database connection, never a pooled one: a session-level advisory lock lives as long as its
 * connection, and a pool would hand that connection (and the lock) to other work.
 */
@FunctionalInterface
public interface ClusterConnections {

    Connection open(String applicationName) throws SQLException;

    /**
     * Plain JDBC connections to {@code url}. A socket timeout bounds every check, so a silent network fault costs
     * leadership within one check instead of hanging the checking thread; keepalives let PostgreSQL notice a vanished
     * peer and free its locks.
     */
    static ClusterConnections jdbc(String url, String user, String password) {
        return applicationName -> {
            Properties p = new Properties();
            if (user != null) {
                p.setProperty("user", user);
            }
            if (password != null) {
                p.setProperty("password", password);
            }
            p.setProperty("ApplicationName", applicationName.length() > 63 ? applicationName.substring(0, 63) : applicationName);
            p.setProperty("tcpKeepAlive", "true");
            p.setProperty("socketTimeout", "15");
            p.setProperty("connectTimeout", "10");
            return DriverManager.getConnection(url, p);
        };
    }
}
