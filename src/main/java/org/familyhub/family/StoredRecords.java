package org.familyhub.family;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.familyhub.record.Address;
import org.familyhub.record.DataCategory;
import org.familyhub.record.Identifiers;
import org.familyhub.record.Involvement;
import org.familyhub.record.PartnerRecord;
import org.familyhub.record.Subject;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The current partner records of linked persons, read back as canonical records with how they were kept. */
@Component
public class StoredRecords {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    /** A stored record: whose it is, the record, its purposes and the agreements and gateways it was kept on. */
    public record Stored(String personId, PartnerRecord record, Set<String> purposes, List<String> agreementIds,
                         List<String> gateways, OffsetDateTime receivedAt) {

        public EvidenceRecord evidence() {
            List<String> basis = new ArrayList<>(agreementIds);
            basis.addAll(gateways);
            return new EvidenceRecord(record, purposes, basis);
        }
    }

    private final JdbcTemplate jdbc;

    public StoredRecords(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Stored record versions by {@code record_id}. A version's row is never changed once written (a newer version is a
     * new row; a purge deletes rows, and a deleted row is simply no longer asked for), so what was read once can be
     * served again: family grouping reads the records of every member of a touched household on every batch that
     * touches it. Only who the record belongs to can change, and that comes from person_link on every read. Bounded:
     * emptied when full.
     */
    private final Map<Long, Version> versions = new ConcurrentHashMap<>();
    private static final int VERSIONS_MAX = 150_000;

    /** A stored version without its person. */
    private record Version(PartnerRecord record, Set<String> purposes, List<String> agreementIds, List<String> gateways,
                           OffsetDateTime receivedAt) {

        Stored of(String personId) {
            return new Stored(personId, record, purposes, agreementIds, gateways, receivedAt);
        }
    }

    /** Person id → their current records, in the order the persons were given. */
    public Map<String, List<Stored>> of(Collection<String> personIds) {
        Map<String, List<Stored>> out = new LinkedHashMap<>();
        personIds.forEach(p -> out.put(p, new ArrayList<>()));
        if (personIds.isEmpty()) {
            return out;
        }
        List<String> persons = new ArrayList<>();
        List<Long> ids = new ArrayList<>();
        // the current version of each record is on its link (V10): no join to the wide partner_record rows
        jdbc.query("""
                select l.person_id, l.record_id
                  from person_link l
                 where l.person_id = any(?) and l.record_id is not null
                 order by l.person_id, l.observed_at nulls first, l.partner, l.source_record_id""",
                ps -> ps.setArray(1, ps.getConnection().createArrayOf("text", personIds.toArray())),
                rs -> {
                    persons.add(rs.getString(1));
                    ids.add(rs.getLong(2));
                });
        Map<Long, Version> found = new HashMap<>();
        List<Long> missing = new ArrayList<>();
        for (Long id : ids) {
            Version v = versions.get(id);
            if (v == null) {
                missing.add(id);
            } else {
                found.put(id, v);
            }
        }
        if (!missing.isEmpty()) {
            jdbc.query("select " + COLUMNS + " from partner_record r where r.record_id = any(?)",
                    ps -> ps.setArray(1, ps.getConnection().createArrayOf("bigint", missing.toArray())),
                    rs -> {
                        found.put(rs.getLong(1), row(rs));
                    });
            if (versions.size() + missing.size() > VERSIONS_MAX) {
                versions.clear();
            }
            missing.forEach(id -> {
                Version v = found.get(id);
                if (v != null) {
                    versions.put(id, v);
                }
            });
        }
        for (int i = 0; i < ids.size(); i++) {
            Version v = found.get(ids.get(i));
            if (v != null) {
                out.computeIfAbsent(persons.get(i), k -> new ArrayList<>()).add(v.of(persons.get(i)));
            }
        }
        return out;
    }

    private static final String COLUMNS = """
            r.record_id, r.partner, r.dataset, r.source_record_id, r.observed_at, r.received_at, r.categories, r.purposes,
            r.agreement_ids, r.gateways, r.given_name, r.family_name, r.date_of_birth, r.sex, r.address_line1,
            r.address_line2, r.town, r.postcode, r.uprn, r.nhs_number, r.upn, r.nino, r.pnc_id, r.crn, r.tenancy_ref,
            r.facts::text, r.involvement::text, r.batch_id""";

    /** A record version a batch kept, still current: what linking a batch again (after a failure or a crash) reads. */
    public record Kept(UUID batchId, long recordId, PartnerRecord record) {
    }

    /** The current versions the given batches kept, in the order they were written. */
    public List<Kept> keptBy(Collection<UUID> batchIds) {
        List<Kept> out = new ArrayList<>();
        jdbc.query("select " + COLUMNS + " from partner_record r where r.batch_id = any(?) and r.is_current order by r.record_id",
                ps -> ps.setArray(1, ps.getConnection().createArrayOf("uuid", batchIds.toArray())),
                rs -> {
                    out.add(new Kept(rs.getObject(28, UUID.class), rs.getLong(1), row(rs).record()));
                });
        return out;
    }

    private static Version row(ResultSet rs) throws SQLException {
        Set<DataCategory> categories = EnumSet.noneOf(DataCategory.class);
        for (String c : strings(rs.getArray(7))) {
            DataCategory.fromId(c).ifPresent(categories::add);
        }
        Subject subject = new Subject(rs.getString(11), rs.getString(12), rs.getObject(13, LocalDate.class), rs.getString(14),
                new Address(rs.getString(15), rs.getString(16), rs.getString(17), rs.getString(18), rs.getString(19)),
                new Identifiers(rs.getString(20), rs.getString(21), rs.getString(22), rs.getString(23), rs.getString(24),
                        rs.getString(25)));
        // shared by every later read: not to be changed by any of them
        PartnerRecord record = new PartnerRecord(rs.getString(2), rs.getString(3), rs.getString(4),
                rs.getObject(5, LocalDate.class), subject, categories,
                Collections.unmodifiableMap(readFacts(rs.getString(26))),
                rs.getString(27) == null ? null : readInvolvement(rs.getString(27)));
        return new Version(record, Set.copyOf(strings(rs.getArray(8))), Collections.unmodifiableList(strings(rs.getArray(9))),
                Collections.unmodifiableList(strings(rs.getArray(10))), rs.getObject(6, OffsetDateTime.class));
    }

    private static List<String> strings(Array a) throws SQLException {
        return a == null ? List.of() : Arrays.asList((String[]) a.getArray());
    }

    private static Map<String, Object> readFacts(String json) {
        try {
            return JSON.readValue(json, MAP);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Involvement readInvolvement(String json) {
        try {
            return JSON.readValue(json, Involvement.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
