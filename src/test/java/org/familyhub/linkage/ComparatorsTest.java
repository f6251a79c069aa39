package org.familyhub.linkage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ComparatorsTest {

    private final Comparators c = new Comparators(Nicknames.standard());

    @Test
    void nicknamesAreReadFromTheResource() {
        assertTrue(Nicknames.standard().same("bob", "robert"));
        assertTrue(Nicknames.standard().same("liz", "elizabeth"));
        assertTrue(Nicknames.standard().same("bobby", "rob"));
        assertEquals(1, c.given("bob", "bob", "robert", "robert"));
        assertEquals(4, c.given("sarah", "sarah", "robert", "robert"));
    }

    @Test
    void linkingStopsAtABirthOnAnotherDayUnlessAnIdentifierAgrees() {
        PreparedRecord a = new PreparedRecord(People.person("a").build());
        PreparedRecord namesake = new PreparedRecord(People.person("b").dob(1961, 11, 20).build());
        int given = Comparison.GIVEN.ordinal();
        assertEquals(-1, c.compareForLinking(a, namesake)[given], "names not compared");
        assertEquals(0, c.compare(a, namesake)[given], "estimation still sees every level");
        assertEquals(Outcome.NON_MATCH, new LinkRules(LinkageConfig.standard().thresholds(),
                MatchModel.fromConfig(LinkageConfig.standard())).classify(c.compareForLinking(a, namesake)));

        PreparedRecord sameNhs = new PreparedRecord(People.person("c").dob(1961, 11, 20).id(StrongId.NHS, "9434765919").build());
        PreparedRecord aNhs = new PreparedRecord(People.person("d").id(StrongId.NHS, "9434765919").build());
        assertEquals(0, c.compareForLinking(aNhs, sameNhs)[given], "an agreeing identifier: compared in full");
    }

    @Test
    void strongIdentifiersAgreeOnAnyKindBothHold() {
        PreparedRecord nhs = new PreparedRecord(People.person("a").id(StrongId.NHS, "9434765919").build());
        PreparedRecord upn = new PreparedRecord(People.person("b").id(StrongId.UPN, "A123456789012").build());
        PreparedRecord otherNhs = new PreparedRecord(People.person("c").id(StrongId.NHS, "9434765870").build());
        PreparedRecord both = new PreparedRecord(People.person("d").id(StrongId.UPN, "A123456789012")
                .id(StrongId.NHS, "9434765870").build());
        assertEquals(-1, Comparators.strongIds(nhs, upn), "no kind on both: nothing to compare");
        assertEquals(1, Comparators.strongIds(nhs, otherNhs), "one kind on both, different");
        assertEquals(0, Comparators.strongIds(upn, both), "the UPN agrees though the NHS numbers do not");
        assertEquals(1, Comparators.strongIds(nhs, both));
    }

    private static int dob(int yyyyMMdd, int other) {
        return Comparators.dob(Comparators.packedDate(yyyyMMdd), Comparators.packedDate(other));
    }

    @Test
    void datesOfBirth() {
        assertEquals(0, dob(19840307, 19840307));
        assertEquals(1, dob(19840307, 19840703));
        assertEquals(2, dob(19840307, 19840308));
        assertEquals(3, dob(19891231, 19901231));
        assertEquals(4, dob(19840307, 19611120));
        assertEquals(2, dob(19840307, 19480307), "neighbouring digits swapped");
        assertEquals(4, dob(19840307, 19850308), "a year and a day apart");
        assertEquals(-1, dob(0, 19850308));
        assertEquals(2, dob(19840312, 19840321), "the day's digits swapped");
        assertEquals(4, dob(19840307, 19840318), "two neighbouring digits wrong, not swapped");
        assertEquals(4, dob(19840307, 19850306), "two digits apart wrong");
        assertEquals(2, dob(20011231, 20011230), "one digit wrong in the last place");
        assertEquals(2, dob(20011231, 30011231), "one digit wrong in the first place");
        assertEquals(3, dob(19990101, 20000101), "a year apart across the century");
        assertEquals(0x19840307, Comparators.packedDate(19840307));
    }

    @Test
    void postcodes() {
        assertEquals(0, Comparators.postcode("CV56AB", "CV56AB"));
        assertEquals(1, Comparators.postcode("CV56AB", "CV56ZZ"));
        assertEquals(2, Comparators.postcode("CV56AB", "CV59ZZ"));
        assertEquals(3, Comparators.postcode("CV56AB", "B11AA"));
        assertEquals(1, Comparators.postcode("2615", "2651"));
    }

    @Test
    void doubleBarrelledNames() {
        assertEquals(0, Comparators.family(List.of("hart", "davies"), "hartdavies", List.of("hartdavies"), "hartdavies"));
        assertEquals(1, Comparators.family(List.of("hart", "davies"), "hartdavies", List.of("davies"), "davies"));
    }

    @Test
    void similarity() {
        assertEquals(0.961, Similarity.jaroWinkler("martha", "marhta"), 0.001);
        assertTrue(Similarity.withinOneEdit("setreet", "street"));
        assertTrue(Similarity.withinOneEdit("1551941", "1559141"), "neighbours swapped");
        assertFalse(Similarity.withinOneEdit("1551941", "1559999"));
        assertEquals("R163", Similarity.soundex("robert"));
        assertEquals("T460", Similarity.soundex("taylor"));
    }

    @Test
    void normalisation() {
        assertEquals("obrien", Normalise.text("O'Brien"));
        assertEquals("zoe lukasz", Normalise.text("Zoë  Łukasz"));
        assertEquals(List.of("12", "park", "road"), Normalise.addressTokens("12, Park Rd."));
    }
}
