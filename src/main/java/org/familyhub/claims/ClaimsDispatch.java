package org.familyhub.claims;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.familyhub.audit.AuditEvent;
import org.familyhub.audit.AuditEventType;
import org.familyhub.audit.AuditTrail;
import org.familyhub.family.ClaimDecision;
import org.familyhub.outbound.OutboundOutbox;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Where claims go, by {@code familyhub.outbound.claims.mode}: {@code http} puts each claim in the outbox in the
 * transaction that creates it (the {@link org.familyhub.outbound.ClaimsSender} posts it; URL unset, it waits);
 * {@code csv} writes one file per claim window to {@code familyhub.outbound.claims.folder}, rewritten with every claim
 * of the window whenever the window gains one. A claim goes out one way only: its status says which.
 */
@Component
public class ClaimsDispatch {

    public enum Mode { HTTP, CSV }

    private final OutboundOutbox outbox;
    private final ClaimStore store;
    private final AuditTrail audit;
    private volatile Mode mode;
    private volatile Path folder;

    public ClaimsDispatch(OutboundOutbox outbox, ClaimStore store, AuditTrail audit,
                          @Value("${familyhub.outbound.claims.mode:http}") String mode,
                          @Value("${familyhub.outbound.claims.folder:work/claims}") String folder) {
        this.outbox = outbox;
        this.store = store;
        this.audit = audit;
        use(parse(mode), Path.of(folder));
    }

    private static Mode parse(String mode) {
        try {
            return Mode.valueOf(mode.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("familyhub.outbound.claims.mode must be http or csv, not '" + mode + "'");
        }
    }

    /** Switches the output (the configuration at start; tests at run time). */
    public void use(Mode mode, Path folder) {
        this.mode = mode;
        this.folder = folder;
    }

    public Mode mode() {
        return mode;
    }

    public Path folder() {
        return folder;
    }

    /** In the transaction that created the claim: http mode queues it at once, so the two commit together. */
    void created(Claim claim) {
        if (mode == Mode.HTTP) {
            outbox.enqueueClaim(claim.claimId(), claim.familyId(), claim.message());
            store.mark(List.of(claim.claimId()), "QUEUED");
        }
    }

    /**
     * Sends on what is still PENDING (claims made before a change of mode, or while a CSV folder was unwritable), in
     * the caller's transaction under the claims lock: http queues them; csv rewrites their windows' files and marks
     * them WRITTEN. Returns how many claims went on.
     */
    int flush() {
        List<Claim> pending = store.pending();
        if (pending.isEmpty()) {
            return 0;
        }
        if (mode == Mode.HTTP) {
            pending.forEach(this::created);
            return pending.size();
        }
        Map<String, List<UUID>> byWindow = new TreeMap<>();
        pending.forEach(c -> byWindow.computeIfAbsent(c.period(), p -> new ArrayList<>()).add(c.claimId()));
        for (Map.Entry<String, List<UUID>> w : byWindow.entrySet()) {
            List<Claim> claims = store.inPeriod(w.getKey()).stream()
                    .filter(c -> c.status().equals("PENDING") || c.status().equals("WRITTEN")).toList();
            Path file = ClaimsCsvFile.write(folder, w.getKey(), claims);
            store.mark(w.getValue(), "WRITTEN");
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("file", file.getFileName().toString());
            details.put("period", w.getKey());
            details.put("claims", claims.size());
            details.put("added", w.getValue().stream().map(UUID::toString).toList());
            audit.append(AuditEvent.builder(AuditEventType.EXPORTED).actor("system").purpose(ClaimDecision.PURPOSE)
                    .partner(OutboundOutbox.CLAIMS).decision("WRITTEN").reason("claims file of window " + w.getKey())
                    .details(details).build());
        }
        return pending.size();
    }
}
