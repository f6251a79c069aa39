package org.familyhub.linkage;

import static org.familyhub.linkage.People.person;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PersonIndexTest {

    private final PersonIndex index = PersonIndex.withConfiguredWeights(LinkageConfig.standard());

    @Test
    void personIdsStayStableAcrossBatches() {
        BatchResult first = index.add(List.of(person("a").build(), person("x").given("Alice").family("Ng").dob(1990, 1, 2).build()));
        BatchResult second = index.add(List.of(person("b").given("Bob").build(), person("y").given("Zoe").family("Quinn").dob(2010, 6, 6).build()));
        assertEquals(first.personOf().get("a"), second.personOf().get("b"));
        assertEquals(first.personOf().get("a"), index.personOf("a"));
        assertEquals(first.personOf().get("x"), index.personOf("x"));
        assertNotEquals(first.personOf().get("x"), second.personOf().get("y"));
        assertTrue(second.merges().isEmpty());
        // the hub stores only the persons a batch creates: b joined a's person, y is new
        assertEquals(java.util.Set.copyOf(first.personOf().values()), first.newPersons());
        assertEquals(java.util.Set.of(second.personOf().get("y")), second.newPersons());
    }

    @Test
    void aMergeKeepsTheOlderId() {
        BatchResult first = index.add(List.of(person("a").id(StrongId.NHS, "9434765919").build()));
        BatchResult second = index.add(List.of(person("b").given("Jane").family("Doe").sex("F").dob(1970, 1, 1)
                .address("1 Elm Close", "CV3 3AA").id(StrongId.NINO, "QQ123456A").build()));
        String older = first.personOf().get("a");
        String newer = second.personOf().get("b");
        assertNotEquals(older, newer);

        // the same NHS number as a and NINO as b: a and b were one person all along
        BatchResult third = index.add(List.of(person("c").given("Jane").family("Doe").sex(null).dob(1970, 1, 1)
                .id(StrongId.NHS, "9434765919").id(StrongId.NINO, "QQ123456A").build()));
        assertEquals(List.of(new Merge(older, newer)), third.merges());
        assertEquals(older, index.personOf("b"));
        assertEquals(older, third.personOf().get("c"));
    }

    @Test
    void aNoMatchDecisionIsRemembered() {
        BatchResult first = index.add(List.of(person("a").build(), person("b").address("88 Station Street", "CV1 4ZZ").build()));
        assertEquals(1, first.reviews().size());
        PairKey pair = first.reviews().get(0).pair();
        assertEquals(PairKey.of("b", "a"), pair);
        index.decide(pair, Decision.NO_MATCH);

        BatchResult later = index.add(List.of(person("c").given("Zoe").family("Quinn").dob(2010, 6, 6).build()));
        assertTrue(later.reviews().isEmpty());
        assertNotEquals(index.personOf("a"), index.personOf("b"));
    }

    @Test
    void aMatchDecisionJoinsThePersons() {
        BatchResult first = index.add(List.of(person("a").build(), person("b").address("88 Station Street", "CV1 4ZZ").build()));
        List<Merge> merges = index.decide(first.reviews().get(0).pair(), Decision.MATCH);
        assertEquals(index.personOf("a"), index.personOf("b"));
        assertEquals(1, merges.size());
        assertEquals(first.personOf().get("a"), merges.get(0).kept());
    }

    @Test
    void aRecordReplacedByItsNewVersionIsFoundAndComparedAsItIsNow() {
        BatchResult first = index.add(List.of(person("a").given("Wendy").family("Okafor").dob(1981, 9, 14)
                .address("4 Canal Walk", "CV1 5RR").build()));
        // a's new version: she married and moved
        index.replace(person("a").given("Wendy").family("Reid").dob(1981, 9, 14).address("70 Moat Avenue", "CV3 6LL").build());

        BatchResult later = index.add(List.of(
                person("b").given("Wendy").family("Reid").dob(1981, 9, 14).address("70 Moat Avenue", "CV3 6LL").build(),
                person("c").given("Wendy").family("Okafor").dob(1981, 9, 14).address("4 Canal Walk", "CV1 5RR").build()));
        assertEquals(first.personOf().get("a"), later.personOf().get("b"), "what a says now");
        assertNotEquals(first.personOf().get("a"), later.personOf().get("c"), "what a no longer says");
    }

    @Test
    void namesakesAreFoundByTheFoldedNameEachRecordGivesNow() {
        index.seed(person("s").given("Wendy").family("Okafor-Reid").dob(1960, 2, 2).address("1 Elm Close", "CV3 3AA").build(),
                "P000000007");
        BatchResult first = index.add(List.of(person("a").given("wendy ").family("Okafor Reid").dob(1981, 9, 14)
                .address("4 Canal Walk", "CV1 5RR").build()));
        assertEquals(java.util.Set.of("P000000007|1960-02-02", first.personOf().get("a") + "|1981-09-14"),
                namesakes("okaforreid", "wendy"));
        assertEquals(java.util.Set.of(), namesakes("okafor", "wendy"), "a double-barrelled name is one name here");

        // a's new version gives another name: a is found under it, and no longer under the old one
        index.replace(person("a").given("Wendy").family("Reid").dob(1981, 9, 14).address("70 Moat Avenue", "CV3 6LL").build());
        assertEquals(java.util.Set.of("P000000007|1960-02-02"), namesakes("okaforreid", "wendy"));
        assertEquals(java.util.Set.of(first.personOf().get("a") + "|1981-09-14"), namesakes("reid", "wendy"));

        // merged elsewhere: found as the person it now belongs to
        index.assign("a", "P000000007");
        assertEquals(java.util.Set.of("P000000007|1981-09-14"), namesakes("reid", "wendy"));
    }

    @Test
    void personIdsAreNinePaddedDigitsAndReadBack() {
        assertEquals("P000000042", PersonIndex.personId(42));
        assertEquals("P123456789", PersonIndex.personId(123_456_789));
        assertEquals("P1234567890", PersonIndex.personId(1_234_567_890L));
        assertEquals(42, PersonIndex.personSeq(PersonIndex.personId(42)));
    }

    private java.util.Set<String> namesakes(String family, String given) {
        java.util.Set<String> out = new java.util.HashSet<>();
        index.namesakes(family, given, (dob, person) -> out.add(PersonIndex.personId(person) + "|" + dob));
        return out;
    }

    @Test
    void aRecordAssignedToAnotherPersonJoinsThatPersonsRecords() {
        BatchResult first = index.add(List.of(person("a").build(),
                person("x").given("Alice").family("Ng").dob(1990, 1, 2).address("9 Lime Grove", "CV6 1AA").build()));
        String alice = first.personOf().get("x");
        index.assign("a", alice); // merged elsewhere (a reviewer, another replica)
        assertEquals(alice, index.personOf("a"));
        BatchResult later = index.add(List.of(person("b").build()));
        assertEquals(alice, later.personOf().get("b"), "a's likeness now belongs to Alice's person");
        assertTrue(later.merges().isEmpty(), "one person already: nothing to merge");
    }

    @Test
    void blockingComparesFarFewerThanAllPairs() {
        SplittableRandom r = new SplittableRandom(1);
        String[] given = {"Oliver", "Amelia", "Jack", "Isla", "Harry", "Ava", "George", "Mia", "Noah", "Grace"};
        String[] family = {"Smith", "Jones", "Patel", "Khan", "Brown", "Taylor", "Wilson", "Evans", "Walker", "Wright"};
        List<PersonRecord> records = new ArrayList<>();
        int n = 5000;
        for (int i = 0; i < n; i++) {
            LocalDate dob = LocalDate.of(1950, 1, 1).plusDays(r.nextInt(20000));
            records.add(new PersonRecord("r" + i, given[r.nextInt(given.length)], family[r.nextInt(family.length)], dob,
                    r.nextBoolean() ? "M" : "F", r.nextInt(200) + " High Street", "Coventry",
                    "CV" + r.nextInt(10) + " " + r.nextInt(10) + "AB", null, null, null));
        }
        BatchResult result = index.add(records);
        long allPairs = (long) n * (n - 1) / 2;
        assertTrue(result.comparisons() > 0);
        assertTrue(result.comparisons() < allPairs / 50, "compared " + result.comparisons() + " of " + allPairs);
    }

    @Test
    void aLargeBatchLinksAsItsRecordsWouldOneByOne() {
        // persons and noisy second records of some of them: names from a small list, so blocks are full and matches,
        // reviews and merges all happen; large batches take the parallel comparison path, single records do not
        SplittableRandom r = new SplittableRandom(5);
        String[] given = {"Oliver", "Amelia", "Jack", "Isla", "Harry", "Ava", "George", "Mia", "Noah", "Grace"};
        String[] family = {"Smith", "Jones", "Patel", "Khan", "Brown"};
        List<PersonRecord> records = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            LocalDate dob = LocalDate.of(1960, 1, 1).plusDays(r.nextInt(9000));
            String g = given[r.nextInt(given.length)];
            String f = family[r.nextInt(family.length)];
            String line = r.nextInt(60) + " High Street";
            String pc = "CV" + r.nextInt(4) + " " + r.nextInt(4) + "AB";
            records.add(new PersonRecord("p" + i, g, f, dob, "F", line, "Coventry", pc, null, null, null));
            if (r.nextInt(2) == 0) {
                String typo = g.substring(0, g.length() - 1) + "e";
                records.add(new PersonRecord("q" + i, r.nextBoolean() ? typo : g, f, r.nextBoolean() ? dob : dob.plusDays(1),
                        "F", line, "Coventry", pc, null, null, null));
            }
        }
        java.util.Collections.shuffle(records, new java.util.Random(9));
        PersonIndex batched = PersonIndex.withConfiguredWeights(LinkageConfig.standard());
        batched.add(records.subList(0, 2000));
        batched.add(records.subList(2000, records.size()));
        PersonIndex single = PersonIndex.withConfiguredWeights(LinkageConfig.standard());
        records.forEach(rec -> single.add(List.of(rec)));

        // all at once: more records than one window (PersonIndex.WINDOW), as several kept batches linked together
        PersonIndex whole = PersonIndex.withConfiguredWeights(LinkageConfig.standard());
        whole.add(records);

        assertEquals(groups(single, records), groups(batched, records));
        assertEquals(groups(single, records), groups(whole, records));
        assertTrue(records.size() > 4096, "more than one window");
        assertTrue(groups(batched, records).stream().anyMatch(g -> g.size() > 1), "some records linked");
    }

    private static java.util.Set<java.util.Set<String>> groups(PersonIndex index, List<PersonRecord> records) {
        java.util.Map<String, java.util.Set<String>> byPerson = new java.util.HashMap<>();
        records.forEach(rec -> byPerson.computeIfAbsent(index.personOf(rec.key()), k -> new java.util.TreeSet<>()).add(rec.key()));
        return new java.util.HashSet<>(byPerson.values());
    }
}
