package org.familyhub.linkage;

import static org.familyhub.linkage.People.person;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.Arguments;

/** Each kind of noise still links; namesakes and household members do not. Configured weights, no estimation. */
class LinkageTest {

    private final LinkageConfig config = LinkageConfig.standard();

    private BatchResult link(PersonRecord... records) {
        return PersonIndex.withConfiguredWeights(config).add(List.of(records));
    }

    private static void assertLinked(BatchResult r, String a, String b) {
        assertEquals(r.personOf().get(a), r.personOf().get(b), a + " and " + b + " should be one person");
    }

    private static void assertNotLinked(BatchResult r, String a, String b) {
        assertNotEquals(r.personOf().get(a), r.personOf().get(b), a + " and " + b + " should be two people");
    }

    static List<Arguments> noisyCopies() {
        return List.of(
                Arguments.of("typo in family name", person("b").family("Tayler")),
                Arguments.of("typo in given name", person("b").given("Rboert")),
                Arguments.of("nickname Bob", person("b").given("Bob")),
                Arguments.of("given and family swapped", person("b").given("Taylor").family("Robert")),
                Arguments.of("day and month swapped", person("b").dob(1984, 7, 3)),
                Arguments.of("one digit of the date off", person("b").dob(1984, 3, 8)),
                Arguments.of("upper case and accents", person("b").given("RÓBERT").family("TAYLOR")),
                Arguments.of("abbreviated street", person("b").address("12 Park Rd", "CV5 6AB")),
                Arguments.of("no identifier on one side", person("b")),
                Arguments.of("postcode missing", person("b").address("12 Park Road", null)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("noisyCopies")
    void noisyCopyLinks(String noise, People copy) {
        BatchResult r = link(person("a").id(StrongId.NHS, "9434765919").build(), copy.build());
        assertLinked(r, "a", "b");
    }

    @Test
    void lizLinksToElizabeth() {
        BatchResult r = link(person("a").given("Elizabeth").sex("F").build(), person("b").given("Liz").sex("F").build());
        assertLinked(r, "a", "b");
    }

    @Test
    void doubleBarrelledSurnameMatchesHyphenSpaceAndEitherHalf() {
        BatchResult r = link(person("a").family("Hart-Davies").build(), person("b").family("Hart Davies").build(),
                person("c").family("Hart").build(), person("d").family("Davies").build(),
                person("e").family("HartDavies").build());
        for (String other : List.of("b", "c", "d", "e")) {
            assertLinked(r, "a", other);
        }
    }

    @Test
    void movedAddressLinksWhenSomethingPersonalAgrees() {
        PersonIndex index = PersonIndex.withConfiguredWeights(config);
        index.add(List.of(person("old").id(StrongId.NINO, "AB123456C").build()));
        BatchResult r = index.add(List.of(person("new").address("3 Mill Lane", "CV2 1XY").id(StrongId.NINO, "AB123456C").build(),
                person("new-no-id").address("3 Mill Lane", "CV2 1XY").build()));
        assertEquals(index.personOf("old"), r.personOf().get("new"));
        assertEquals(index.personOf("old"), r.personOf().get("new-no-id"), "links through the record at the new address");
    }

    @Test
    void namesakesAtDifferentAddressesAreNotLinked() {
        BatchResult r = link(person("a").build(), person("b").address("88 Station Street", "CV1 4ZZ").build());
        assertNotLinked(r, "a", "b");
        assertEquals(1, r.reviews().size(), "same name and date of birth elsewhere is for a person to judge");
    }

    @Test
    void aPairWithTwoThingsAgainstItIsNotQueued() {
        BatchResult r = link(person("a").id(StrongId.NHS, "2222222222").build(),
                person("namesake-elsewhere").dob(1984, 3, 8).address("88 Station Street", "CV1 4ZZ").build(),
                person("sister-born-the-same-day-elsewhere").given("Susan").sex("F").address("88 Station Street", "CV1 4ZZ").build(),
                person("other-nhs-other-name").given("Daniel").id(StrongId.NHS, "1111111111").build(),
                person("same-nhs-as-that").given("Daniel").id(StrongId.NHS, "1111111111").build());
        assertNotLinked(r, "a", "namesake-elsewhere");
        assertEquals(List.of(), r.reviews().stream().filter(p -> p.pair().first().equals("a") || p.pair().second().equals("a")).toList(),
                "a digit off and elsewhere; another given name and elsewhere; another given name and another NHS number");
    }

    @Test
    void aPairWithOneThingAgainstItIsQueued() {
        BatchResult r = link(person("a").id(StrongId.NHS, "2222222222").build(), person("b").id(StrongId.NHS, "1111111111").build(),
                person("c").dob(1984, 3, 8).address("88 Station Street", "CV1 4ZZ").id(StrongId.NHS, "3333333333").build());
        assertEquals(List.of(PairKey.of("a", "b")), r.reviews().stream().map(ReviewPair::pair).toList(),
                "one person but for the NHS number is for a person to judge; c has three things against");
    }

    @Test
    void aBrotherAndSisterWhoseNamesShareAStemAreNotLinked() {
        BatchResult r = link(person("ciaran").given("Ciaran").build(), person("ciara").given("Ciara").sex("F").build());
        assertNotLinked(r, "ciaran", "ciara");
    }

    @Test
    void withoutABirthDateOnlyWholeNamesLink() {
        PersonRecord noDob = new PersonRecord("no-dob", "Freddie", "Price", null, "M", "89 Jubilee Crescent", "Coventry",
                "CV6 8QN", null, null, null);
        BatchResult r = link(noDob,
                person("brother").given("Frederick").family("Price").dob(2012, 2, 27)
                        .address("89 Jubilee Crescent", "CV6 8QN").build(),
                person("neighbour").given("Freddie").family("Johnson").dob(2021, 6, 16)
                        .address("191 Longford Road", "CV6 8QN").build(),
                person("himself").given("Freddie").family("Price").address("89 Jubilee Crescent", "CV6 8QN").build());
        assertNotLinked(r, "no-dob", "brother");
        assertNotLinked(r, "no-dob", "neighbour");
        assertLinked(r, "no-dob", "himself");
    }

    @Test
    void aRecordWithoutIdentifiersDoesNotJoinTwoPersonsWhoseIdentifiersDiffer() {
        // twins at one address, each known to the school by a UPN; a housing record names one of them with a typo
        PersonIndex index = PersonIndex.withConfiguredWeights(config);
        index.add(List.of(person("aanya").given("Aanya").sex("F").id(StrongId.UPN, "Q331352639981").build(),
                person("anaya").given("Anaya").sex("F").id(StrongId.UPN, "H331572027552").build()));
        assertNotEquals(index.personOf("aanya"), index.personOf("anaya"), "conflicting UPNs: two pupils");
        BatchResult r = index.add(List.of(person("housing").given("Anyaa").sex("F").build()));
        assertNotEquals(index.personOf("aanya"), index.personOf("anaya"), "still two pupils");
        assertTrue(List.of(index.personOf("aanya"), index.personOf("anaya")).contains(r.personOf().get("housing")),
                "the housing record joins one of them");
        assertTrue(r.reviews().stream().anyMatch(p -> p.pair().equals(PairKey.of("anaya", "housing"))
                        || p.pair().equals(PairKey.of("aanya", "housing"))),
                "and the other pair waits for a reviewer: " + r.reviews());
    }

    // A household that moved: mother and son at 12 Park Road, then both at 3 Mill Lane, no identifier anywhere.
    private static People mother(String key) {
        return person(key).given("Susan").sex("F").dob(1979, 2, 14);
    }

    private static People son(String key) {
        return person(key).given("Liam").dob(2012, 9, 30);
    }

    @Test
    void aHouseholdThatMovedLinksEachMemberAcrossTheTwoAddresses() {
        PersonIndex index = PersonIndex.withConfiguredWeights(config);
        index.add(List.of(mother("mum-old").build(), son("son-old").build()));
        BatchResult r = index.add(List.of(mother("mum-new").address("3 Mill Lane", "CV2 1XY").build(),
                son("son-new").address("3 Mill Lane", "CV2 1XY").build()));
        assertEquals(index.personOf("mum-old"), r.personOf().get("mum-new"));
        assertEquals(index.personOf("son-old"), r.personOf().get("son-new"));
        assertNotEquals(r.personOf().get("mum-new"), r.personOf().get("son-new"));
        assertEquals(List.of(), r.reviews(), "a move seen in two members is not for a person to judge");
        assertEquals(LinkReason.MOVED_WITH_HOUSEHOLD, index.reasonOf("son-new"));
    }

    @Test
    void aMoveSeenLaterJoinsTheMemberQueuedBefore() {
        PersonIndex index = PersonIndex.withConfiguredWeights(config);
        index.add(List.of(mother("mum-old").build(), son("son-old").build()));
        BatchResult first = index.add(List.of(mother("mum-new").address("3 Mill Lane", "CV2 1XY").build()));
        assertNotEquals(index.personOf("mum-old"), first.personOf().get("mum-new"), "alone, the place keeps them apart");
        assertEquals(1, first.reviews().size());

        BatchResult second = index.add(List.of(son("son-new").address("3 Mill Lane", "CV2 1XY").build()));
        assertEquals(index.personOf("son-old"), second.personOf().get("son-new"));
        assertEquals(index.personOf("mum-old"), index.personOf("mum-new"), "the son's move explains the mother's");
        assertEquals(List.of(first.reviews().get(0).pair()), second.settled(), "her queued pair is settled");
        assertTrue(second.merges().size() == 1, "her two persons became one: " + second.merges());
    }

    @Test
    void aMoveSeenThroughAnIdentifierExplainsTheOthers() {
        PersonIndex index = PersonIndex.withConfiguredWeights(config);
        index.add(List.of(mother("mum-old").build(), son("son-old").id(StrongId.UPN, "H801200001001").build()));
        BatchResult r = index.add(List.of(son("son-new").address("3 Mill Lane", "CV2 1XY")
                        .id(StrongId.UPN, "H801200001001").build(),
                mother("mum-new").address("3 Mill Lane", "CV2 1XY").build()));
        assertEquals(index.personOf("mum-old"), r.personOf().get("mum-new"));
    }

    @Test
    void aRecordGivingOnlyThePostcodeFollowsAHouseholdSeenToMoveThere() {
        // DWP knows the mother by postcode alone: her claim at the new postcode joins her once her son is seen at both
        PersonIndex index = PersonIndex.withConfiguredWeights(config);
        index.add(List.of(mother("mum-old").build(), son("son-old").id(StrongId.UPN, "H801200001001").build()));
        BatchResult first = index.add(List.of(mother("mum-dwp").address(null, "CV2 1XY").build()));
        assertNotEquals(index.personOf("mum-old"), first.personOf().get("mum-dwp"), "alone, another postcode");

        index.add(List.of(son("son-new").address("3 Mill Lane", "CV2 1XY").id(StrongId.UPN, "H801200001001").build()));
        assertEquals(index.personOf("son-old"), index.personOf("son-new"));
        assertEquals(index.personOf("mum-old"), index.personOf("mum-dwp"), "the son's move explains her new postcode");
    }

    @Test
    void aNameWithoutABirthDateDoesNotFollowAMove() {
        PersonIndex index = PersonIndex.withConfiguredWeights(config);
        index.add(List.of(mother("mum-old").build(), son("son-old").build()));
        BatchResult r = index.add(List.of(mother("mum-new").address("3 Mill Lane", "CV2 1XY").build(),
                new PersonRecord("son-no-dob", "Liam", "Taylor", null, "M", "3 Mill Lane", "Coventry", "CV2 1XY", null,
                        null, null)));
        assertNotEquals(index.personOf("son-old"), r.personOf().get("son-no-dob"), "a name alone, at another address");
        assertNotEquals(index.personOf("mum-old"), r.personOf().get("mum-new"),
                "a son known by name only is no evidence that the household moved");
    }

    @Test
    void aReviewersNoStandsAgainstAMoveSeenLater() {
        PersonIndex index = PersonIndex.withConfiguredWeights(config);
        index.add(List.of(mother("mum-old").build(), son("son-old").build()));
        BatchResult first = index.add(List.of(mother("mum-new").address("3 Mill Lane", "CV2 1XY").build()));
        index.decide(first.reviews().get(0).pair(), Decision.NO_MATCH);

        BatchResult second = index.add(List.of(son("son-new").address("3 Mill Lane", "CV2 1XY").build()));
        assertNotEquals(index.personOf("mum-old"), index.personOf("mum-new"));
        assertEquals(List.of(), second.settled());
    }

    @Test
    void namesakesBornOnAnotherDayAreNeitherLinkedNorQueued() {
        BatchResult r = link(person("a").build(), person("elsewhere").dob(1991, 8, 30).address("88 Station Street", "CV1 4ZZ").build(),
                person("son").dob(2009, 6, 17).build());
        assertNotLinked(r, "a", "elsewhere");
        assertNotLinked(r, "a", "son");
        assertEquals(List.of(), r.reviews(), "nothing for a person to judge");
    }

    @Test
    void twinsAndHouseholdMembersAreNotLinked() {
        BatchResult r = link(person("a").build(), person("twin").given("Daniel").build(),
                person("mother").given("Susan").sex("F").dob(1960, 5, 1).build(),
                person("father").dob(1958, 11, 23).build());
        assertNotLinked(r, "a", "twin");
        assertNotLinked(r, "a", "mother");
        assertNotLinked(r, "a", "father");
    }

    @Test
    void sameNhsNumberLinksDespiteEverythingElse() {
        BatchResult r = link(person("a").id(StrongId.NHS, "943 476 5919").build(),
                person("b").given("Bobby").family("Smith").address("1 High Street", "CV9 9ZZ").id(StrongId.NHS, "9434765919").build());
        assertLinked(r, "a", "b");
    }

    @Test
    void sameIdentifierButDifferentSexAndBirthDateGoesToReview() {
        BatchResult r = link(person("a").id(StrongId.UPN, "A123").build(),
                person("b").given("Mary").sex("F").dob(2001, 1, 1).id(StrongId.UPN, "A123").build());
        assertNotLinked(r, "a", "b");
        assertEquals(1, r.reviews().size());
    }

    @Test
    void conflictingIdentifierBlocksAnAutomaticLink() {
        BatchResult r = link(person("a").id(StrongId.NHS, "1111111111").build(), person("b").id(StrongId.NHS, "2222222222").build());
        assertNotLinked(r, "a", "b");
    }
}
