package org.familyhub.consent;

import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The engine's answer for one record, with a stable rule code and a reason in words. A permitted record carries the
 * purposes it may be used for, and the agreement, gateway and consents it relies on (so their end removes it).
 */
public record Decision(Outcome outcome, String rule, String reason, Set<String> purposes, List<String> agreementIds,
                       List<String> gateways, List<UUID> consentIds, List<String> droppedFields, boolean flagged) {

    public enum Outcome { PERMIT, PERMIT_REDACTED, REFUSE }

    public static Decision refuse(String rule, String reason) {
        return new Decision(Outcome.REFUSE, rule, reason, Set.of(), List.of(), List.of(), List.of(), List.of(), false);
    }

    public boolean permitted() {
        return outcome != Outcome.REFUSE;
    }
}
