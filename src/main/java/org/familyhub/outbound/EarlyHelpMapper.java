package org.familyhub.outbound;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.xml.datatype.DatatypeConfigurationException;
import javax.xml.datatype.DatatypeConstants;
import javax.xml.datatype.DatatypeFactory;
import javax.xml.datatype.XMLGregorianCalendar;
import org.familyhub.outbound.earlyhelp.wsdl.Criterion;
import org.familyhub.outbound.earlyhelp.wsdl.FamilyNotification;
import org.familyhub.outbound.earlyhelp.wsdl.Identifier;
import org.familyhub.outbound.earlyhelp.wsdl.Member;
import org.familyhub.outbound.earlyhelp.wsdl.Reason;
import org.familyhub.outbound.earlyhelp.wsdl.Worker;

/**
 * {@link FamilyChange} → the case system's {@code FamilyNotification} (types generated from its WSDL). Only the
 * identifier schemes the contract names go out: NHS, UPN, PNC, CRN, UPRN. A NINO, and any scheme not listed, is
 * dropped (partner-feeds.md: no NINO and no DWP detail ever goes out).
 */
public final class EarlyHelpMapper {

    /** The identifier schemes the case system may receive, in the contract's spelling. */
    public static final Set<String> SCHEMES = Set.of("NHS", "UPN", "PNC", "CRN", "UPRN");

    private static final DatatypeFactory DATES;

    static {
        try {
            DATES = DatatypeFactory.newInstance();
        } catch (DatatypeConfigurationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private EarlyHelpMapper() {
    }

    /** The identifiers that may leave the hub, in the member's order; everything else is dropped. */
    public static Map<String, String> outboundIdentifiers(Map<String, String> identifiers) {
        Map<String, String> kept = new LinkedHashMap<>();
        identifiers.forEach((scheme, value) -> {
            if (SCHEMES.contains(scheme)) {
                kept.put(scheme, value);
            }
        });
        return kept;
    }

    /** The change as the outbox keeps it: identifiers already reduced to those that may leave. */
    public static FamilyChange forOutbound(FamilyChange c) {
        return new FamilyChange(c.familyId(), c.reason(), c.framework(), c.eligible(),
                c.members().stream().map(m -> new FamilyChange.Member(m.personId(), m.givenName(), m.familyName(),
                        m.dateOfBirth(), outboundIdentifiers(m.identifiers()))).toList(),
                c.criteria(), c.workers(), c.changeKey());
    }

    public static FamilyNotification toNotification(UUID notificationId, FamilyChange change) {
        FamilyNotification n = new FamilyNotification();
        n.setNotificationId(notificationId.toString());
        n.setFamilyId(change.familyId());
        n.setReason(Reason.fromValue(change.reason().name()));
        n.setFramework(change.framework());
        n.setEligible(change.eligible());
        for (FamilyChange.Member m : change.members()) {
            Member member = new Member();
            member.setPersonId(m.personId());
            member.setGivenName(orEmpty(m.givenName()));
            member.setFamilyName(orEmpty(m.familyName()));
            member.setDateOfBirth(date(m.dateOfBirth()));
            outboundIdentifiers(m.identifiers()).forEach((scheme, value) -> {
                Identifier id = new Identifier();
                id.setScheme(scheme);
                id.setValue(value);
                member.getIdentifier().add(id);
            });
            n.getMember().add(member);
        }
        for (FamilyChange.Criterion c : change.criteria()) {
            Criterion criterion = new Criterion();
            criterion.setId(c.id());
            criterion.setMet(c.met());
            c.evidenceDates().forEach(d -> criterion.getEvidenceDate().add(date(d)));
            n.getCriterion().add(criterion);
        }
        for (FamilyChange.Worker w : change.workers()) {
            Worker worker = new Worker();
            worker.setPersonId(w.personId());
            worker.setService(w.service());
            worker.setRole(w.role());
            worker.setProfessional(w.professional());
            worker.setPhone(w.phone());
            worker.setEmail(w.email());
            worker.setSince(date(w.since()));
            n.getWorker().add(worker);
        }
        return n;
    }

    /** An {@code xs:date} without a time zone, as the contract's dates are calendar dates. */
    static XMLGregorianCalendar date(LocalDate d) {
        return d == null ? null : DATES.newXMLGregorianCalendarDate(d.getYear(), d.getMonthValue(), d.getDayOfMonth(),
                DatatypeConstants.FIELD_UNDEFINED);
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
