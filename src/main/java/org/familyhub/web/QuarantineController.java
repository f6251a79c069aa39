package org.familyhub.web;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.familyhub.ingest.QuarantineRepository;
import org.familyhub.security.Caller;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/quarantine?partner=&batch=}: partner IT see their own partner's rejects only. */
@RestController
public class QuarantineController {

    private final QuarantineRepository quarantine;

    public QuarantineController(QuarantineRepository quarantine) {
        this.quarantine = quarantine;
    }

    @GetMapping("/api/quarantine")
    public List<Map<String, Object>> list(@RequestParam(required = false) String partner,
                                          @RequestParam(required = false) UUID batch,
                                          @RequestParam(defaultValue = "1000") int limit, Authentication auth) {
        Caller caller = new Caller(auth);
        String scope = caller.partnerScope();
        if (partner != null) {
            caller.requirePartnerAccess(partner);
        }
        String effective = partner != null ? partner : scope;
        if (limit < 1 || limit > 10_000) {
            throw ApiError.badRequest("limit must be between 1 and 10000");
        }
        return quarantine.find(effective, batch, limit);
    }
}
