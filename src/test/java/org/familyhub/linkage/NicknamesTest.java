package org.familyhub.linkage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A name's forms are exactly the names {@link HouseholdKeys#sameGiven} accepts, so asking a database for them is lossless. */
class NicknamesTest {

    @Test
    void formsAreExactlyTheNamesSameGivenAccepts() {
        Nicknames n = Nicknames.standard();
        List<String> names = new ArrayList<>(n.names());
        names.addAll(List.of("zebedee", "kayleigh", "x"));
        for (String a : names) {
            for (String b : names) {
                assertThat(HouseholdKeys.givenForms(a).contains(b)).as("%s ~ %s", a, b)
                        .isEqualTo(HouseholdKeys.sameGiven(a, b));
            }
        }
        assertThat(HouseholdKeys.givenForms("bob")).contains("bob", "robert");
        assertThat(HouseholdKeys.givenForms("zebedee")).containsExactly("zebedee");
    }
}
