package org.familyhub.consent;

import java.util.List;
import java.util.UUID;
import org.familyhub.audit.AuditEvent;
import org.familyhub.audit.AuditEventType;
import org.familyhub.audit.AuditTrail;
import org.familyhub.audit.SubjectHasher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Removes the records whose lawful basis has ended: a withdrawn consent (at once), a suspended or expired agreement,
 * or a passed retention period (by the scheduled job). Removed means deleted, every version, not flagged; the links
 * and family views built on them are brought up to date in the same transaction ({@link PurgedRecordsListener}).
 */
@Component
public class RecordPurger {

    private static final Logger log = LoggerFactory.getLogger(RecordPurger.class);

    private final JdbcTemplate jdbc;
    private final AuditTrail audit;
    private final SubjectHasher hasher;
    private final List<PurgedRecordsListener> listeners;

    public RecordPurger(JdbcTemplate jdbc, AuditTrail audit, SubjectHasher hasher, List<PurgedRecordsListener> listeners) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.hasher = hasher;
        this.listeners = listeners;
    }

    /**
     * One PURGED event per record removed, in the same transaction as the delete; the key only as a keyed hash. What was
     * derived from the records (links, families) follows in the same transaction.
     */
    private List<String> audited(List<String> keys, String cause, String actor) {
        if (!keys.isEmpty()) {
            listeners.forEach(l -> l.purged(keys));
            audit.append(keys.stream().map(k -> AuditEvent.builder(AuditEventType.PURGED).actor(actor)
                    .partner(k.substring(0, k.indexOf('|'))).recordKey("hash:" + hasher.hash("key", k))
                    .decision("PURGED").rule(cause).reason("removed: " + cause.toLowerCase().replace('_', ' ')).build()).toList());
        }
        return keys;
    }

    /**
     * The partner records (all versions) that relied on this consent. Returns their keys. Written as {@code @>} with
     * the partial index's predicate so the GIN index partner_record_consents serves it ({@code = any} cannot).
     */
    @Transactional
    public List<String> purgeConsent(UUID consentId, String actor) {
        return audited(jdbc.queryForList("""
                delete from partner_record where consent_ids @> array[?::uuid] and consent_ids <> '{}'
                returning partner || '|' || source_record_id""", String.class, consentId), "CONSENT_WITHDRAWN", actor);
    }

    /** Records relying on an agreement that is no longer in force (suspended, expired, superseded without a successor, past its end). */
    @Transactional
    public List<String> purgeEndedAgreements() {
        return audited(jdbc.queryForList("""
                delete from partner_record r
                 where exists (select 1 from unnest(r.agreement_ids) as relied(agreement_id)
                                where not exists (select 1 from sharing_agreement a
                                                   where a.agreement_id = relied.agreement_id and a.status = 'ACTIVE'
                                                     and (a.valid_to is null or a.valid_to >= current_date)))
                returning partner || '|' || source_record_id""", String.class), "AGREEMENT_ENDED", "system");
    }

    /** Records kept longer than the retention period of the agreement they rely on. */
    @Transactional
    public List<String> purgeRetention() {
        return audited(jdbc.queryForList("""
                delete from partner_record r
                 where exists (select 1 from unnest(r.agreement_ids) as relied(agreement_id)
                                 join sharing_agreement a on a.agreement_id = relied.agreement_id and a.status = 'ACTIVE'
                                where a.retention_days is not null
                                  and r.received_at < now() - make_interval(days => a.retention_days))
                returning partner || '|' || source_record_id""", String.class), "RETENTION_PASSED", "system");
    }

    @Scheduled(fixedDelayString = "${familyhub.purge.interval:PT1H}", initialDelayString = "${familyhub.purge.initial-delay:PT1M}")
    public void scheduled() {
        List<String> ended = purgeEndedAgreements();
        List<String> expired = purgeRetention();
        if (!ended.isEmpty() || !expired.isEmpty()) {
            log.info("Purged {} records whose agreement ended and {} past retention", ended.size(), expired.size());
        }
    }
}
