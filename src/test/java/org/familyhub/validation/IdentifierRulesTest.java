package org.familyhub.validation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class IdentifierRulesTest {

    @ParameterizedTest
    @ValueSource(strings = {"9434765919", "943 476 5919", "4010232137", "6124839024", "4857773457"})
    void acceptsValidNhsNumbers(String nhs) {
        assertThat(IdentifierRules.checkNhsNumber(nhs)).isNull();
    }

    @Test
    void refusesAWrongNhsCheckDigitAndSaysWhichItShouldBe() {
        assertThat(IdentifierRules.checkNhsNumber("9434765918"))
                .isEqualTo("NHS number '9434765918' fails the modulus 11 check (check digit should be 9)");
    }

    @Test
    void refusesNhsNumbersWhoseRemainderGivesTen() {
        assertThat(IdentifierRules.nhsCheckDigit("557102948")).isNull();
        assertThat(IdentifierRules.checkNhsNumber("5571029480"))
                .isEqualTo("NHS number '5571029480' is not a valid NHS number (no check digit exists for its first nine digits)");
    }

    @Test
    void checkDigitElevenBecomesZero() {
        // a weighted sum divisible by 11 gives 11 - 0 = 11, which the algorithm maps to check digit 0
        assertThat(IdentifierRules.nhsCheckDigit("000000000")).isZero();
        assertThat(IdentifierRules.checkNhsNumber("0000000000")).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"943476591", "94347659190", "943476591X", ""})
    void refusesNhsNumbersThatAreNotTenDigits(String nhs) {
        assertThat(IdentifierRules.checkNhsNumber(nhs)).isEqualTo("NHS number '" + nhs + "' must be 10 digits");
    }

    @ParameterizedTest
    @ValueSource(strings = {"A123456789012", "U331200115001", "H331200117004", "Z331200112009", "M331410009021"})
    void acceptsValidUpns(String upn) {
        assertThat(IdentifierRules.checkUpn(upn)).isNull();
    }

    @Test
    void theSpecUpnHasCheckLetterA() {
        assertThat(IdentifierRules.upnCheckLetter("123456789012")).isEqualTo('A');
    }

    @Test
    void refusesAWrongUpnCheckLetter() {
        assertThat(IdentifierRules.checkUpn("B123456789012")).isEqualTo("UPN 'B123456789012' has check letter B but its digits give A");
    }

    @Test
    void acceptsATemporaryUpnEndingInALetter() {
        char check = IdentifierRules.upnCheckLetter("33120011500A");
        assertThat(IdentifierRules.checkUpn(check + "33120011500A")).isNull();
        assertThat(IdentifierRules.checkUpn("A33120011500I")).contains("does not allow (I, O or S)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"A12345678901", "1123456789012", "A12345678901234", "A1234567890AB"})
    void refusesMalformedUpns(String upn) {
        assertThat(IdentifierRules.checkUpn(upn)).startsWith("UPN '" + upn + "' must be 13 characters");
    }

    @ParameterizedTest
    @ValueSource(strings = {"JT482915A", "PR630218B", "SH194027D", "AB123456C", "jt 48 29 15 a"})
    void acceptsValidNinos(String nino) {
        assertThat(IdentifierRules.checkNino(nino)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"DA123456A", "FA123456A", "IA123456A", "QA123456A", "UA123456A", "VA123456A",
            "AD123456A", "AF123456A", "AI123456A", "AQ123456A", "AU123456A", "AV123456A"})
    void refusesEachForbiddenPrefixLetter(String nino) {
        assertThat(IdentifierRules.checkNino(nino)).isEqualTo("NINO '" + nino + "' has a prefix letter that is never used (D, F, I, Q, U, V)");
    }

    @Test
    void refusesOAsTheSecondLetterButNotTheFirst() {
        assertThat(IdentifierRules.checkNino("AO123456A")).isEqualTo("NINO 'AO123456A' has O as its second letter, which is never used");
        assertThat(IdentifierRules.checkNino("OA123456A")).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"BG", "GB", "KN", "NK", "NT", "TN", "ZZ"})
    void refusesEachUnallocatedPrefix(String prefix) {
        String nino = prefix + "123456A";
        assertThat(IdentifierRules.checkNino(nino)).isEqualTo("NINO '" + nino + "' has the prefix " + prefix + ", which is never allocated");
    }

    @ParameterizedTest
    @ValueSource(strings = {"AB123456E", "AB12345A", "A1123456A", "AB123456"})
    void refusesMalformedNinos(String nino) {
        assertThat(IdentifierRules.checkNino(nino)).isEqualTo("NINO '" + nino + "' must be two letters, six digits and a suffix A-D");
    }

    @ParameterizedTest
    @ValueSource(strings = {"CV1 1AA", "CV1 4FS", "cv6 3ex", "CV21EQ", "EC1A 1BB", "W1A 0AX", "M1 1AE", "B33 8TH", "DN55 1PT", "GIR 0AA"})
    void acceptsUkPostcodes(String postcode) {
        assertThat(IdentifierRules.checkPostcode(postcode)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"CV1", "QV1 1AA", "CV1 1CA", "CV1 1AI", "1CV 1AA", "CV1  1AA", "CVX 1AA", "ZZ99 9ZZZ"})
    void refusesWhatIsNotAUkPostcode(String postcode) {
        assertThat(IdentifierRules.checkPostcode(postcode)).isEqualTo("postcode '" + postcode + "' is not a UK postcode");
    }

    @Test
    void normalisesPostcodes() {
        assertThat(IdentifierRules.normalisePostcode("cv11aa")).isEqualTo("CV1 1AA");
        assertThat(IdentifierRules.normalisePostcode(" dn55  1pt")).isEqualTo("DN55 1PT");
    }
}
