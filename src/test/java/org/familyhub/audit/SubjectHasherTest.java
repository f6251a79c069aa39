package org.familyhub.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import org.familyhub.record.Address;
import org.familyhub.record.Identifiers;
import org.familyhub.record.Subject;
import org.junit.jupiter.api.Test;

class SubjectHasherTest {

    static final SubjectHasher HASHER = new SubjectHasher("a test key of thirty-two bytes!!".getBytes(StandardCharsets.UTF_8));

    static Subject subject(String nhs, String nino, String given, String postcode) {
        return new Subject(given, "Smith", LocalDate.of(2014, 8, 30), "F",
                new Address("1 High St", null, "Coventry", postcode, null),
                new Identifiers(nhs, null, nino, null, null, "T-1"));
    }

    @Test
    void theSameIdentifierInAnotherFormattingHashesTheSame() {
        assertThat(HASHER.hash("nhs", "943 476 5919")).isEqualTo(HASHER.hash("nhs", "9434765919"));
        assertThat(HASHER.hash("nino", "ab 12 34 56 c")).isEqualTo(HASHER.hash("NINO", "AB123456C"));
        assertThat(HASHER.hashes(subject("943 476 5919", "ab123456c", "Mia", "cv1 1aa")))
                .isEqualTo(HASHER.hashes(subject("9434765919", "AB 12 34 56 C", "MIA", "CV11AA")));
    }

    @Test
    void aSubjectHasOneHashPerStrongIdentifierAndOneForNameDateOfBirthAndPostcode() {
        List<String> hashes = HASHER.hashes(subject("9434765919", "AB123456C", "Mia", "CV1 1AA"));
        assertThat(hashes).hasSize(3).doesNotHaveDuplicates()
                .contains(HASHER.hash("nhs", "9434765919"), HASHER.hash("nino", "AB123456C"),
                        HASHER.hash("name", "mia|smith|2014-08-30|cv11aa"));
        assertThat(hashes).allSatisfy(h -> assertThat(h).hasSize(64).matches("[0-9a-f]+"));
        assertThat(HASHER.hashes(subject(null, " ", "Mia", null))).isEmpty(); // no postcode: no name hash
    }

    @Test
    void theKindIsPartOfTheHash() {
        assertThat(HASHER.hash("nhs", "123")).isNotEqualTo(HASHER.hash("crn", "123"));
    }

    @Test
    void anotherKeyGivesAnotherHash() {
        SubjectHasher other = new SubjectHasher("another key of thirty-two bytes!".getBytes(StandardCharsets.UTF_8));
        assertThat(other.hash("nhs", "9434765919")).isNotEqualTo(HASHER.hash("nhs", "9434765919"));
    }

    @Test
    void aQueryWithAPrefixHashesOneKindAndABareValueEveryKind() {
        assertThat(HASHER.forQuery("nhs:943 476 5919")).containsExactly(HASHER.hash("nhs", "9434765919"));
        List<String> bare = HASHER.forQuery("9434765919");
        assertThat(bare).hasSize(SubjectHasher.KINDS.size()).contains(HASHER.hash("nhs", "9434765919"));
        assertThat(HASHER.forQuery("name:Mia|Smith|2014-08-30|CV1 1AA"))
                .containsExactly(HASHER.hash("name", "mia|smith|2014-08-30|cv11aa"));
    }
}
