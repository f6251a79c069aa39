package org.familyhub.consent;

import java.util.List;

/** The purposes data may be used for (DESIGN §4). */
public final class Purposes {

    public static final List<String> ALL = List.of("identification", "assessment", "case-coordination", "outcome-evidence", "claim");

    private Purposes() {
    }
}
