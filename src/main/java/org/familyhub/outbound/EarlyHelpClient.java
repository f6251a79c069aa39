package org.familyhub.outbound;

import jakarta.xml.ws.BindingProvider;
import jakarta.xml.ws.handler.MessageContext;
import jakarta.xml.ws.soap.SOAPFaultException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.cxf.Bus;
import org.apache.cxf.binding.soap.SoapFault;
import org.apache.cxf.bus.CXFBusFactory;
import org.apache.cxf.endpoint.Client;
import org.apache.cxf.frontend.ClientProxy;
import org.apache.cxf.jaxws.JaxWsProxyFactoryBean;
import org.apache.cxf.transport.http.HTTPConduit;
import org.apache.cxf.transport.http.HTTPException;
import org.apache.cxf.transports.http.configuration.HTTPClientPolicy;
import org.familyhub.outbound.earlyhelp.wsdl.EarlyHelpNotifyPort;
import org.familyhub.outbound.earlyhelp.wsdl.FamilyNotification;
import org.familyhub.outbound.earlyhelp.wsdl.NotificationRejected;
import org.familyhub.outbound.earlyhelp.wsdl.NotificationRejectedFault;
import org.familyhub.outbound.earlyhelp.wsdl.NotifyFamilyResponse;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Calls the case system's {@code NotifyFamily} through a CXF JAX-WS proxy of the service interface generated from
 * its WSDL, with short connect and receive timeouts. Says what happened without throwing: accepted, rejected by the
 * case system (its {@code NotificationRejected} fault, or {@code accepted=false}: sending it again would not help),
 * or failed on the way (HTTP 5xx, timeout, reset, any other fault: worth another try).
 */
@Component
public class EarlyHelpClient implements DisposableBean {

    private final Bus bus = plainBus();
    private final Map<String, EarlyHelpNotifyPort> ports = new ConcurrentHashMap<>();
    private final Duration connectTimeout;
    private final Duration receiveTimeout;

    public EarlyHelpClient(@Value("${familyhub.outbound.early-help.connect-timeout:5s}") Duration connectTimeout,
                           @Value("${familyhub.outbound.early-help.receive-timeout:30s}") Duration receiveTimeout) {
        this.connectTimeout = connectTimeout;
        this.receiveTimeout = receiveTimeout;
    }

    /** What one call came to. */
    public sealed interface Result {
        /** The case system has the notification (first time or, for a retried id, again). */
        record Accepted(String caseReference) implements Result {
        }

        /** The case system refused it; {@code code} is its own. */
        record Rejected(String code, String message) implements Result {
        }

        /** It may not have arrived: try again later. {@code summary} holds no message text from the far side. */
        record Failed(String summary, String detail) implements Result {
        }
    }

    public Result send(String url, FamilyNotification notification) {
        try {
            NotifyFamilyResponse response = port(url).notifyFamily(notification);
            if (response == null || !response.isAccepted()) {
                return new Result.Rejected("NOT_ACCEPTED", "the case system answered accepted=false");
            }
            return new Result.Accepted(response.getCaseReference());
        } catch (NotificationRejectedFault f) {
            NotificationRejected info = f.getFaultInfo();
            return info == null ? new Result.Rejected("UNKNOWN", f.getMessage())
                    : new Result.Rejected(info.getCode(), info.getMessage());
        } catch (RuntimeException e) { // WebServiceException, SOAPFaultException, CXF Fault: transport or server trouble
            return failed(e, responseCode(url));
        }
    }

    /** A short, data-free summary (timeout, HTTP 503, ...) and the full chain of messages for the data team. */
    static Result.Failed failed(Throwable e, Integer status) {
        String summary = null;
        StringBuilder detail = new StringBuilder();
        for (Throwable t = e; t != null && t != t.getCause(); t = t.getCause()) {
            if (!detail.isEmpty()) {
                detail.append(" <- ");
            }
            detail.append(t.getClass().getSimpleName());
            if (t.getMessage() != null) {
                detail.append(": ").append(t.getMessage());
            }
            if (summary == null) {
                summary = summary(t);
            }
        }
        if (summary == null || (!summary.equals("SOAP fault") && status != null && status >= 300)) {
            // A SOAP fault comes with a 500 by the protocol; otherwise the status says more than the parse error
            summary = status != null && status >= 300 ? "HTTP " + status : e.getClass().getSimpleName();
        }
        String d = (status != null ? "HTTP " + status + ": " : "") + detail;
        return new Result.Failed(summary, d.length() > 2000 ? d.substring(0, 2000) + "…" : d);
    }

    private static String summary(Throwable t) {
        if (t instanceof HTTPException h) {
            return "HTTP " + h.getResponseCode();
        }
        if (t instanceof SocketTimeoutException || t instanceof HttpTimeoutException) {
            return "timeout";
        }
        if (t instanceof ConnectException) {
            return "connection refused";
        }
        if (t instanceof SocketException) {
            return "connection reset";
        }
        if (t instanceof SOAPFaultException || t instanceof SoapFault) {
            return "SOAP fault";
        }
        return null;
    }

    /** The HTTP status of this thread's last call through the port, when an answer came at all. */
    private Integer responseCode(String url) {
        Object code = ((BindingProvider) port(url)).getResponseContext().get(MessageContext.HTTP_RESPONSE_CODE);
        return code instanceof Integer i ? i : null;
    }

    /**
     * A bus of our own (no Spring XML, no servlet) whose HTTP conduit is HttpURLConnection: plain HTTP/1.1, where
     * CXF's default java.net.http conduit offers an h2c upgrade on every first call, which a SOAP gateway need not
     * understand.
     */
    private static Bus plainBus() {
        Bus b = new CXFBusFactory().createBus();
        b.setProperty("force.urlconnection.http.conduit", Boolean.TRUE);
        return b;
    }

    private EarlyHelpNotifyPort port(String url) {
        return ports.computeIfAbsent(url, this::createPort);
    }

    private EarlyHelpNotifyPort createPort(String url) {
        JaxWsProxyFactoryBean factory = new JaxWsProxyFactoryBean();
        factory.setBus(bus);
        factory.setServiceClass(EarlyHelpNotifyPort.class);
        factory.setAddress(url);
        EarlyHelpNotifyPort port = factory.create(EarlyHelpNotifyPort.class);
        Client client = ClientProxy.getClient(port);
        HTTPClientPolicy policy = new HTTPClientPolicy();
        policy.setConnectionTimeout(connectTimeout.toMillis());
        policy.setReceiveTimeout(receiveTimeout.toMillis());
        policy.setAutoRedirect(false);
        policy.setAllowChunking(false); // a Content-Length body: some gateways in front of case systems refuse chunking
        ((HTTPConduit) client.getConduit()).setClient(policy);
        return port;
    }

    @Override
    public void destroy() {
        ports.values().forEach(p -> ClientProxy.getClient(p).destroy());
        bus.shutdown(false);
    }
}
