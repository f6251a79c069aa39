package org.familyhub.support;

/** Spec headers for hand-written test batches (../shared/partner-feeds.md). */
public final class Feeds {

    public static final String POLICE_HEADER = "incident_ref,occurred_at,category,role,given_name,family_name,date_of_birth,sex,"
            + "address_line1,address_line2,town,postcode,uprn,pnc_id,officer_name,officer_team,officer_phone,officer_email\n";

    private Feeds() {
    }
}
