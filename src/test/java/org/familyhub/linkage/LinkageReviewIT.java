package org.familyhub.linkage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Random;
import java.util.UUID;
import org.familyhub.support.Api;
import org.familyhub.support.Feeds;
import org.familyhub.support.HubIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Persisted linkage through the feeds: strong identifiers link, namesakes elsewhere wait for a person to decide,
 * the decision is kept and acted on, person ids stay put.
 */
@HubIntegrationTest
class LinkageReviewIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    Api api;
    final Random random = new Random();
    String run;
    String surname;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        run = UUID.randomUUID().toString().substring(0, 8);
        surname = "Pellingham" + (char) ('a' + random.nextInt(26)) + (char) ('a' + random.nextInt(26)) + (char) ('a' + random.nextInt(26));
    }

    private String row(int n, String given, String dob, String address, String postcode) {
        return "INC-" + run + "-" + n + ",2026-10-0" + n + "T21:15:00+01:00,ASB,SUSPECT," + given + "," + surname + "," + dob
                + ",M," + address + ",,Coventry," + postcode + ",,,PC A Khan,North,024 7653 9000,a.khan@police.example\n";
    }

    private void push(String body) {
        Api.Response r = api.post("police-it", "/api/feeds/police", Feeds.POLICE_HEADER + body);
        assertThat(r.status()).as(r.body()).isEqualTo(202);
        assertThat(r.json().get("status").asText()).isEqualTo("COMPLETED");
    }

    private String personOf(int n) {
        return jdbc.queryForObject("select person_id from person_link where source_record_id like ?", String.class,
                "INC-" + run + "-" + n + "|%");
    }

    private JsonNode reviewFor(int a, int b) {
        JsonNode all = api.get("data1", "/api/linkage/reviews?limit=1000").json();
        for (JsonNode r : all) {
            String left = r.get("left").get("sourceRecordId").asText();
            String right = r.get("right").get("sourceRecordId").asText();
            String ka = "INC-" + run + "-" + a + "|";
            String kb = "INC-" + run + "-" + b + "|";
            if (left.startsWith(ka) && right.startsWith(kb) || left.startsWith(kb) && right.startsWith(ka)) {
                return r;
            }
        }
        return null;
    }

    @Test
    void aTypoAndANicknameLinkToOnePersonWhoseIdStaysPut() {
        push(row(1, "Robert", "1984-03-07", "12 Park Road", "CV5 6AB"));
        String first = personOf(1);
        push(row(2, "Bob", "1984-03-07", "12 Park Rd", "CV5 6AB") + row(3, "Robert", "1984-07-03", "12 Park Road", "CV5 6AB"));
        assertThat(personOf(2)).as("nickname, same address and birth date").isEqualTo(first);
        assertThat(personOf(3)).as("day and month swapped").isEqualTo(first);
        assertThat(jdbc.queryForObject("select merged_into from person where person_id = ?", String.class, first)).isNull();
    }

    @Test
    void namesakesElsewhereWaitForReviewAndARejectionIsKept() {
        push(row(1, "Robert", "1984-03-07", "12 Park Road", "CV5 6AB"));
        push(row(2, "Robert", "1984-03-07", "88 Station Street", "CV1 4ZZ"));
        assertThat(personOf(2)).as("same name and birth date at another address: not linked by itself").isNotEqualTo(personOf(1));
        JsonNode review = reviewFor(1, 2);
        assertThat(review).as("queued for a person to judge").isNotNull();
        assertThat(review.get("left").get("givenName").asText()).isEqualTo("Robert");
        assertThat(review.get("score").isNumber()).isTrue();

        long id = review.get("reviewId").asLong();
        Api.Response r = api.post("data1", "/api/linkage/reviews/" + id, "{\"decision\": \"NO_MATCH\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(reviewFor(1, 2)).as("no longer open").isNull();
        assertThat(api.post("data1", "/api/linkage/reviews/" + id, "{\"decision\": \"MATCH\"}").status())
                .as("a decision is not silently overturned").isEqualTo(409);
        assertThat(api.post("data1", "/api/linkage/reviews/" + id, "{\"decision\": \"MAYBE\"}").status()).isEqualTo(400);
        assertThat(api.get("kw1", "/api/linkage/reviews").status()).isEqualTo(403);

        // the same two records again (a re-sent file with a new officer): still two persons, nothing re-queued
        push(row(1, "Robert", "1984-03-07", "12 Park Road", "CV5 6AB").replace("PC A Khan", "PC Z Ray")
                + row(2, "Robert", "1984-03-07", "88 Station Street", "CV1 4ZZ").replace("PC A Khan", "PC Z Ray"));
        assertThat(personOf(2)).isNotEqualTo(personOf(1));
        assertThat(reviewFor(1, 2)).isNull();
        assertThat(jdbc.queryForObject("select decided_by from linkage_review where review_id = ?", String.class, id))
                .isEqualTo("data1");
    }

    @Test
    void aHouseholdSeenToMoveSettlesTheQueuedPairOfAMemberWhoMovedFirst() {
        push(row(1, "Robert", "1984-03-07", "12 Park Road", "CV5 6AB") + row(2, "Liam", "2012-09-30", "12 Park Road", "CV5 6AB"));
        push(row(3, "Robert", "1984-03-07", "3 Mill Lane", "CV2 1XY"));
        assertThat(personOf(3)).as("alone at a new address: not linked by itself").isNotEqualTo(personOf(1));
        assertThat(reviewFor(1, 3)).isNotNull();

        push(row(4, "Liam", "2012-09-30", "3 Mill Lane", "CV2 1XY"));
        assertThat(personOf(4)).as("the son moved too").isEqualTo(personOf(2));
        assertThat(personOf(3)).as("so the father's two records are one man").isEqualTo(personOf(1));
        assertThat(reviewFor(1, 3)).as("nothing left to review").isNull();
        assertThat(jdbc.queryForObject("select how from person_link where source_record_id like ?", String.class,
                "INC-" + run + "-4|%")).isEqualTo("MOVED_WITH_HOUSEHOLD");
    }

    @Test
    void aConfirmedMatchJoinsThePersonsAndTheirFamiliesKeepingTheOlderId() {
        push(row(1, "Robert", "1984-03-07", "12 Park Road", "CV5 6AB"));
        push(row(2, "Robert", "1984-03-07", "88 Station Street", "CV1 4ZZ"));
        String older = personOf(1);
        String younger = personOf(2);
        JsonNode review = reviewFor(1, 2);
        assertThat(review).isNotNull();
        Api.Response r = api.post("data1", "/api/linkage/reviews/" + review.get("reviewId").asLong(), "{\"decision\": \"MATCH\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(personOf(1)).isEqualTo(older);
        assertThat(personOf(2)).as("the older id survives").isEqualTo(older);
        assertThat(jdbc.queryForObject("select merged_into from person where person_id = ?", String.class, younger)).isEqualTo(older);
        assertThat(jdbc.queryForObject("select count(*) from family_member where person_id = ?", Integer.class, younger)).isZero();
        assertThat(jdbc.queryForObject("select count(*) from family_member where person_id = ?", Integer.class, older)).isPositive();
        assertThat(jdbc.queryForObject("select count(*) from audit_event where type = 'LINKAGE_DECIDED' and actor = 'data1'"
                + " and details->>'kept' = ?", Integer.class, older)).isEqualTo(1);

        // a later record of the same man at the second address joins the same person
        push(row(3, "Robert", "1984-03-07", "88 Station Street", "CV1 4ZZ"));
        assertThat(personOf(3)).isEqualTo(older);
    }
}
