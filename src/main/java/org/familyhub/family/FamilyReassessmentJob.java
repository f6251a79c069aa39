package org.familyhub.family;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.familyhub.linkage.store.PersonLinker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reassesses every family on a schedule ({@code familyhub.families.reassess-schedule}, nightly by default), because
 * criteria look back over windows that move with the calendar: a crime record 12 months and a day old no longer
 * counts, though nothing new arrived. A family whose view changes is saved and its listeners told (the case system
 * hears NO_LONGER_ELIGIBLE), as after a batch. Chunks run in their own transactions under the linking lock, so a
 * batch being grouped and the reassessment never write one family at once; on several replicas each chunk is
 * reassessed by whichever takes the lock first, and again by the other to no effect (an unchanged view is not
 * written or sent twice).
 */
@Component
public class FamilyReassessmentJob {

    private static final Logger log = LoggerFactory.getLogger(FamilyReassessmentJob.class);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final FamilyAssessor assessor;
    private final Clock clock;
    private final int chunk;

    public FamilyReassessmentJob(JdbcTemplate jdbc, TransactionTemplate tx, FamilyAssessor assessor, Clock clock,
                                 @Value("${familyhub.families.reassess-chunk:500}") int chunk) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.assessor = assessor;
        this.clock = clock;
        this.chunk = chunk;
    }

    @Scheduled(cron = "${familyhub.families.reassess-schedule:0 0 2 * * *}")
    public void scheduled() {
        try {
            log.info("Nightly reassessment: {} families reassessed", run(LocalDate.now(clock)));
        } catch (RuntimeException e) { // the database: what was done is kept, the rest waits for the next night
            log.warn("Nightly reassessment stopped: {}", e.toString());
        }
    }

    /** Reassesses every family that has not ended, as on {@code on}. Returns how many were reassessed. */
    public int run(LocalDate on) {
        int done = 0;
        String after = "";
        while (true) {
            String from = after;
            List<String> ids = jdbc.queryForList("""
                    select family_id from family where dissolved_at is null and family_id > ?
                     order by family_id limit ?""", String.class, from, chunk);
            if (ids.isEmpty()) {
                return done;
            }
            tx.executeWithoutResult(s -> {
                jdbc.queryForObject("select pg_advisory_xact_lock(?)", Object.class, PersonLinker.LOCK);
                // those that ended while this one waited for the lock are left alone
                assessor.reassess(jdbc.query("select family_id from family where family_id = any(?) and dissolved_at is null",
                        ps -> ps.setArray(1, ps.getConnection().createArrayOf("text", ids.toArray())),
                        (rs, i) -> rs.getString(1)), Map.of(), on);
            });
            done += ids.size();
            after = ids.get(ids.size() - 1);
        }
    }
}
