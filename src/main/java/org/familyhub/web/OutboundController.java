package org.familyhub.web;

import java.util.List;
import java.util.Map;
import org.familyhub.outbound.OutboundOutbox;
import org.familyhub.outbound.OutboundSender;
import org.familyhub.security.Caller;
import org.familyhub.security.Role;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The outbound feeds for the data team: each system's state, its dead letters, and replaying one. */
@RestController
public class OutboundController {

    private final OutboundOutbox outbox;
    private final List<OutboundSender> senders;

    public OutboundController(OutboundOutbox outbox, List<OutboundSender> senders) {
        this.outbox = outbox;
        this.senders = senders;
    }

    /** {@code [{"system", "configured", "pending", "sent", "dead", "oldestPendingAt", "lastSentAt"}]}. */
    @GetMapping("/api/outbound/status")
    public List<Map<String, Object>> status() {
        return outbox.status(senders);
    }

    /** {@code [{"id", "system", "familyId", "attempts", "lastError", ...}]}, oldest first. */
    @GetMapping("/api/outbound/dead-letters")
    public List<Map<String, Object>> deadLetters(@RequestParam(defaultValue = "1000") int limit) {
        if (limit < 1 || limit > 10_000) {
            throw ApiError.badRequest("limit must be between 1 and 10000");
        }
        return outbox.deadLetters(limit);
    }

    /** Back to the outbox with the same notification id: {@code 202}; 404 unknown id, 409 not a dead letter. */
    @PostMapping("/api/outbound/dead-letters/{id}/replay")
    public ResponseEntity<Map<String, Object>> replay(@PathVariable long id, Authentication auth) {
        Caller caller = new Caller(auth);
        return switch (outbox.replay(id, caller.name(), Role.DATA_TEAM.id())) {
            case REPLAYED -> ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of("id", id, "status", "PENDING"));
            case NOT_FOUND -> throw ApiError.notFound("no outbound message " + id);
            case NOT_DEAD -> throw new ApiError(HttpStatus.CONFLICT, "outbound message " + id + " is not a dead letter");
        };
    }
}
