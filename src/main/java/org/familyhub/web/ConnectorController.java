package org.familyhub.web;

import java.util.List;
import java.util.Map;
import org.familyhub.connector.ConnectorStatusService;
import org.familyhub.security.Caller;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/connectors}: partner IT see their own connector, IG officers and the data team see all. */
@RestController
public class ConnectorController {

    private final ConnectorStatusService status;

    public ConnectorController(ConnectorStatusService status) {
        this.status = status;
    }

    @GetMapping("/api/connectors")
    public List<Map<String, Object>> connectors(Authentication auth) {
        return status.status(new Caller(auth).partnerScope());
    }
}
