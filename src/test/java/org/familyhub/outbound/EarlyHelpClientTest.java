package org.familyhub.outbound;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.UUID;
import org.familyhub.outbound.earlyhelp.wsdl.FamilyNotification;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** How the client reads each answer the case system (or what stands in front of it) may give. */
class EarlyHelpClientTest {

    static final String PATH = "/notify";
    static WireMockServer server;
    static EarlyHelpClient client;
    final FamilyNotification notification = EarlyHelpMapper.toNotification(UUID.randomUUID(), FamilyChanges.of("f1", "k"));

    @BeforeAll
    static void start() {
        server = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        // a receive timeout with room for a loaded build machine, and a slow answer well past it
        client = new EarlyHelpClient(Duration.ofSeconds(2), Duration.ofSeconds(3));
    }

    @AfterAll
    static void stop() {
        client.destroy();
        server.stop();
    }

    @BeforeEach
    void reset() {
        server.resetAll();
    }

    String url() {
        return server.baseUrl() + PATH;
    }

    static String envelope(String body) {
        return "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body>" + body
                + "</soap:Body></soap:Envelope>";
    }

    void answer(int status, String contentType, String body) {
        server.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(status)
                .withHeader("Content-Type", contentType).withBody(body)));
    }

    @Test
    void anAcceptedNotificationGivesTheCaseReference() {
        answer(200, "text/xml", envelope("""
                <NotifyFamilyResponse xmlns="http://earlyhelp.example.gov.uk/notify/v1">
                <accepted>true</accepted><caseReference>EH-42</caseReference></NotifyFamilyResponse>"""));
        assertThat(client.send(url(), notification)).isEqualTo(new EarlyHelpClient.Result.Accepted("EH-42"));
        // One SOAP 1.1 call with the contract's action, as HTTP/1.1 with a length (no h2c upgrade, no chunks).
        var sent = server.findAll(postRequestedFor(urlEqualTo(PATH))).get(0);
        assertThat(sent.getHeader("SOAPAction")).contains("http://earlyhelp.example.gov.uk/notify/v1/NotifyFamily");
        assertThat(sent.containsHeader("Upgrade")).isFalse();
        assertThat(sent.containsHeader("Content-Length")).isTrue();
    }

    @Test
    void acceptedFalseIsARejection() {
        answer(200, "text/xml", envelope("""
                <NotifyFamilyResponse xmlns="http://earlyhelp.example.gov.uk/notify/v1"><accepted>false</accepted>
                </NotifyFamilyResponse>"""));
        assertThat(client.send(url(), notification)).isInstanceOf(EarlyHelpClient.Result.Rejected.class);
    }

    @Test
    void theNotificationRejectedFaultIsARejectionWithTheCaseSystemsCode() {
        answer(500, "text/xml", envelope("""
                <soap:Fault><faultcode>soap:Client</faultcode><faultstring>no</faultstring><detail>
                <eh:NotificationRejected xmlns:eh="http://earlyhelp.example.gov.uk/notify/v1"><eh:code>BAD_FAMILY</eh:code>
                <eh:message>unknown family</eh:message></eh:NotificationRejected></detail></soap:Fault>"""));
        assertThat(client.send(url(), notification))
                .isEqualTo(new EarlyHelpClient.Result.Rejected("BAD_FAMILY", "unknown family"));
    }

    @Test
    void anyOtherSoapFaultIsWorthAnotherTry() {
        answer(500, "text/xml", envelope("""
                <soap:Fault><faultcode>soap:Server</faultcode><faultstring>database busy</faultstring></soap:Fault>"""));
        EarlyHelpClient.Result r = client.send(url(), notification);
        assertThat(r).isInstanceOf(EarlyHelpClient.Result.Failed.class);
        assertThat(((EarlyHelpClient.Result.Failed) r).summary()).as(((EarlyHelpClient.Result.Failed) r).detail()).isEqualTo("SOAP fault");
        assertThat(((EarlyHelpClient.Result.Failed) r).detail()).contains("database busy");
    }

    @Test
    void aServerErrorPageIsAnHttpFailure() {
        answer(500, "text/html", "<html><body>Internal Server Error</body></html>");
        assertFailed("HTTP 500");
        answer(503, "text/plain", "down for maintenance");
        assertFailed("HTTP 503");
        answer(502, "text/html", "");
        assertFailed("HTTP 502");
    }

    @Test
    void aSlowAnswerIsATimeout() {
        server.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(200).withFixedDelay(6000)));
        assertFailed("timeout");
    }

    @Test
    void aClosedPortIsConnectionRefused() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        EarlyHelpClient.Result r = client.send("http://127.0.0.1:" + port + PATH, notification);
        assertThat(((EarlyHelpClient.Result.Failed) r).summary()).isEqualTo("connection refused");
    }

    void assertFailed(String summary) {
        EarlyHelpClient.Result r = client.send(url(), notification);
        assertThat(r).isInstanceOf(EarlyHelpClient.Result.Failed.class);
        assertThat(((EarlyHelpClient.Result.Failed) r).summary()).as(((EarlyHelpClient.Result.Failed) r).detail())
                .isEqualTo(summary);
    }
}
