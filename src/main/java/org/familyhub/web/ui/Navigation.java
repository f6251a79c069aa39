package org.familyhub.web.ui;

import java.util.ArrayList;
import java.util.List;
import org.familyhub.security.Caller;
import org.familyhub.security.Role;

/** The sections of the pages each role may use (DESIGN §9); a user sees only their own role's sections. */
public final class Navigation {

    public record Link(String href, String label, String description) {
    }

    private Navigation() {
    }

    public static List<Link> forCaller(Caller caller) {
        List<Link> out = new ArrayList<>();
        if (caller.has(Role.KEY_WORKER)) {
            out.add(new Link("/kw/search", "Find a family", "Search for a family, stating why you need to see it."));
            out.add(new Link("/kw/families", "My families", "The families allocated to you."));
        }
        if (caller.has(Role.PARTNER_IT)) {
            out.add(new Link("/partner", "Connector", "Your feed's state, last run, lag and recent batches."));
            out.add(new Link("/partner/upload", "Upload a file", "Send a batch in your own format."));
            out.add(new Link("/partner/quarantine", "Quarantine", "Records the hub could not accept, and why."));
        }
        if (caller.has(Role.IG_OFFICER)) {
            out.add(new Link("/ig/agreements", "Agreements", "Sharing agreements: draft, preview, approve, suspend."));
            out.add(new Link("/ig/gateways", "Legal gateways", "The statutes data may be shared under."));
            out.add(new Link("/ig/consents", "Consent register", "Record, find and withdraw consent."));
            out.add(new Link("/ig/access-report", "Subject access", "What the hub holds about a person, and who read it."));
            out.add(new Link("/ig/data-flow", "Data-flow map", "Partners, agreements, gateways, purposes and readers."));
        }
        if (caller.has(Role.IG_OFFICER) || caller.has(Role.AUDITOR)) {
            out.add(new Link("/audit", "Audit", "Search the audit trail and verify its chain."));
        }
        if (caller.has(Role.DATA_TEAM)) {
            out.add(new Link("/data/families", "Families", "Every family and whether it is eligible."));
            out.add(new Link("/data/linkage", "Linkage review", "Pairs of records the linker could not decide."));
            out.add(new Link("/data/claims", "Claims", "Payment-by-results claims by window, with their evidence."));
            out.add(new Link("/data/outbound", "Outbound", "Notifications to the early-help and claim systems, and dead letters."));
        }
        return out;
    }
}
