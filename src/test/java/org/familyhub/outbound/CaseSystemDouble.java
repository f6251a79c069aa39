package org.familyhub.outbound;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.cxf.Bus;
import org.apache.cxf.bus.CXFBusFactory;
import org.apache.cxf.endpoint.Server;
import org.apache.cxf.jaxws.JaxWsServerFactoryBean;
import org.familyhub.outbound.earlyhelp.wsdl.EarlyHelpNotifyPort;
import org.familyhub.outbound.earlyhelp.wsdl.FamilyNotification;
import org.familyhub.outbound.earlyhelp.wsdl.NotifyFamilyResponse;

/**
 * A real early-help case system for the tests: the generated service interface, published by CXF on a free port.
 * Like the vendor's, it accepts a notification id once: a repeat is answered {@code accepted} with the same case
 * reference and recorded as a duplicate, not accepted again.
 */
public final class CaseSystemDouble implements EarlyHelpNotifyPort, AutoCloseable {

    public static final String PATH = "/earlyhelp/notify";

    private final Map<String, FamilyNotification> accepted = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> receipts = new ConcurrentHashMap<>();
    private final Bus bus = new CXFBusFactory().createBus();
    private final Server server;
    private final String url;

    public CaseSystemDouble() {
        this.url = "http://127.0.0.1:" + freePort() + PATH;
        JaxWsServerFactoryBean factory = new JaxWsServerFactoryBean();
        factory.setBus(bus);
        factory.setServiceClass(EarlyHelpNotifyPort.class);
        factory.setServiceBean(this);
        factory.setAddress(url);
        this.server = factory.create();
    }

    public String url() {
        return url;
    }

    @Override
    public NotifyFamilyResponse notifyFamily(FamilyNotification body) {
        String id = body.getNotificationId();
        receipts.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
        accepted.putIfAbsent(id, body); // a repeat is dropped: the first copy stands
        NotifyFamilyResponse r = new NotifyFamilyResponse();
        r.setAccepted(true);
        r.setCaseReference("EH-" + id.substring(0, 8));
        return r;
    }

    public FamilyNotification accepted(String notificationId) {
        return accepted.get(notificationId);
    }

    /** Every call that reached the case system with this id, duplicates included. */
    public int receipts(String notificationId) {
        AtomicInteger n = receipts.get(notificationId);
        return n == null ? 0 : n.get();
    }

    /** Calls received per notification id (duplicates included), as a copy. */
    public Map<String, Integer> receipts() {
        Map<String, Integer> copy = new java.util.HashMap<>();
        receipts.forEach((id, n) -> copy.put(id, n.get()));
        return copy;
    }

    @Override
    public void close() {
        server.destroy();
        bus.shutdown(true);
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
