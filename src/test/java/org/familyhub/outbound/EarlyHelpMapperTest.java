package org.familyhub.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.JAXBElement;
import jakarta.xml.bind.Marshaller;
import java.io.StringWriter;
import java.util.List;
import java.util.UUID;
import javax.xml.namespace.QName;
import org.familyhub.outbound.earlyhelp.wsdl.FamilyNotification;
import org.familyhub.outbound.earlyhelp.wsdl.Identifier;
import org.familyhub.outbound.earlyhelp.wsdl.Member;
import org.familyhub.outbound.earlyhelp.wsdl.Reason;
import org.familyhub.outbound.earlyhelp.wsdl.Worker;
import org.junit.jupiter.api.Test;

class EarlyHelpMapperTest {

    final UUID id = OutboundOutbox.notificationId("early-help", "fam-1|view-abc");

    @Test
    void mapsEveryFieldOfTheChangeToTheContractsTypes() {
        FamilyNotification n = EarlyHelpMapper.toNotification(id, FamilyChanges.of("fam-1", "fam-1|view-abc"));
        assertThat(n.getNotificationId()).isEqualTo(id.toString());
        assertThat(n.getFamilyId()).isEqualTo("fam-1");
        assertThat(n.getReason()).isEqualTo(Reason.NEWLY_ELIGIBLE);
        assertThat(n.getFramework()).isEqualTo("sf-2022");
        assertThat(n.isEligible()).isTrue();
        assertThat(n.getMember()).extracting(Member::getPersonId).containsExactly("p-fam-1-1", "p-fam-1-2");
        Member mother = n.getMember().get(0);
        assertThat(mother.getGivenName()).isEqualTo("Sarah");
        assertThat(mother.getFamilyName()).isEqualTo("O'Neill");
        assertThat(mother.getDateOfBirth().toXMLFormat()).isEqualTo("1988-04-02"); // a calendar date, no zone
        assertThat(n.getCriterion()).hasSize(2);
        assertThat(n.getCriterion().get(0).getId()).isEqualTo("crime-asb");
        assertThat(n.getCriterion().get(0).isMet()).isTrue();
        assertThat(n.getCriterion().get(0).getEvidenceDate()).extracting(d -> d.toXMLFormat())
                .containsExactly("2025-01-14", "2025-03-02");
        assertThat(n.getCriterion().get(1).isMet()).isFalse();
        Worker w = n.getWorker().get(0);
        assertThat(List.of(w.getPersonId(), w.getService(), w.getRole(), w.getProfessional(), w.getPhone(), w.getEmail()))
                .containsExactly("p-fam-1-2", "school", "attendance officer", "Ms Patel", "0161 496 0000", "patel@school.example");
        assertThat(w.getSince().toXMLFormat()).isEqualTo("2024-09-01");
    }

    @Test
    void onlyTheContractsIdentifierSchemesGoOutNeverANino() {
        FamilyNotification n = EarlyHelpMapper.toNotification(id, FamilyChanges.of("fam-1", "k"));
        assertThat(n.getMember().get(0).getIdentifier()).extracting(Identifier::getScheme, Identifier::getValue)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("NHS", "9434765919"),
                        org.assertj.core.groups.Tuple.tuple("PNC", "2019/0123456A"),
                        org.assertj.core.groups.Tuple.tuple("UPRN", "100023336956"));
        assertThat(n.getMember().get(1).getIdentifier()).extracting(Identifier::getScheme).containsExactly("UPN", "CRN");
    }

    @Test
    void theNinoIsNowhereInTheMarshalledBody() throws Exception {
        FamilyNotification n = EarlyHelpMapper.toNotification(id, FamilyChanges.of("fam-1", "k"));
        Marshaller m = JAXBContext.newInstance(FamilyNotification.class).createMarshaller();
        StringWriter xml = new StringWriter();
        m.marshal(new JAXBElement<>(new QName("http://earlyhelp.example.gov.uk/notify/v1", "FamilyNotification"),
                FamilyNotification.class, n), xml);
        assertThat(xml.toString()).contains("9434765919").contains("O'Neill")
                .doesNotContain(FamilyChanges.NINO).doesNotContainIgnoringCase("nino").doesNotContain("T-778");
    }

    @Test
    void theOutboxCopyAlreadyLacksTheNino() {
        FamilyChange kept = EarlyHelpMapper.forOutbound(FamilyChanges.of("fam-1", "k"));
        assertThat(kept.members().get(0).identifiers()).containsOnlyKeys("NHS", "PNC", "UPRN");
        assertThat(kept.members().get(1).identifiers()).containsOnlyKeys("UPN", "CRN");
        assertThat(kept.criteria()).hasSize(2);
        assertThat(kept.workers()).hasSize(1);
    }

    @Test
    void theNotificationIdIsTheSameForTheSameChangeAndDiffersOtherwise() {
        assertThat(OutboundOutbox.notificationId("early-help", "fam-1|view-abc")).isEqualTo(id);
        assertThat(id.version()).isEqualTo(3);
        assertThat(OutboundOutbox.notificationId("early-help", "fam-1|view-abd")).isNotEqualTo(id);
        assertThat(OutboundOutbox.notificationId("claims", "fam-1|view-abc")).isNotEqualTo(id);
    }

    @Test
    void aChangeWithoutMembersOrKeyIsRefusedAtOnce() {
        FamilyChange ok = FamilyChanges.of("fam-1", "k");
        assertThatThrownBy(() -> new FamilyChange("fam-1", ok.reason(), "sf-2022", true, List.of(), null, null, "k"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("member");
        assertThatThrownBy(() -> new FamilyChange("fam-1", ok.reason(), "sf-2022", true, ok.members(), null, null, " "))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("changeKey");
    }
}
