package org.familyhub.audit;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.familyhub.record.Address;
import org.familyhub.record.Identifiers;
import org.familyhub.record.Subject;

/**
 * Keyed hashes (HMAC-SHA256, hex) of a person's identifiers, so the audit can answer "everything about this person"
 * without holding an identifier in clear. Keyed, not plain SHA-256: NHS numbers and NINOs are few enough to hash
 * them all, so only a holder of the key can test a guess.
 */
public final class SubjectHasher {

    /** The identifier kinds, as the prefixes of the hashed text and of the {@code person=} query parameter. */
    public static final List<String> KINDS = List.of("nhs", "nino", "upn", "pnc", "crn");
    /** A hub person id ({@code P000000123}): family reads name the members they showed by it. */
    public static final String PERSON = "person";
    private static final String NAME = "name";

    private final SecretKeySpec key;
    private final ThreadLocal<Mac> mac; // a Mac is not thread-safe; one per thread avoids a look-up per hash

    public SubjectHasher(byte[] key) {
        if (key == null || key.length < 16) {
            throw new IllegalArgumentException("the audit hash key needs at least 16 bytes");
        }
        this.key = new SecretKeySpec(key.clone(), "HmacSHA256");
        this.mac = ThreadLocal.withInitial(this::newMac);
    }

    /** One hash per strong identifier present, plus one for name, date of birth and postcode when all are known. */
    public List<String> hashes(Subject s) {
        List<String> out = new ArrayList<>(3);
        Identifiers ids = s.identifiers() == null ? Identifiers.NONE : s.identifiers();
        add(out, "nhs", ids.nhsNumber());
        add(out, "nino", ids.nino());
        add(out, "upn", ids.upn());
        add(out, "pnc", ids.pncId());
        add(out, "crn", ids.crn());
        Address a = s.address() == null ? Address.EMPTY : s.address();
        if (present(s.givenName()) && present(s.familyName()) && s.dateOfBirth() != null && present(a.postcode())) {
            out.add(hash(NAME, s.givenName() + "|" + s.familyName() + "|" + s.dateOfBirth() + "|" + a.postcode()));
        }
        return out;
    }

    /** The hash of one identifier of a kind ({@code nhs}, {@code nino}, ..., or {@code name} for given|family|dob|postcode). */
    public String hash(String kind, String value) {
        String k = kind.toLowerCase(Locale.ROOT);
        String text = k + ":" + (NAME.equals(k) ? normaliseName(value) : normaliseIdentifier(value));
        return HexFormat.of().formatHex(mac.get().doFinal(text.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * The hashes to look a person up by: {@code nhs:9434765919} (any kind prefix) gives one; a bare value gives one
     * per identifier kind, since the caller need not say whether {@code AB123456C} is a NINO or a UPN.
     */
    public List<String> forQuery(String person) {
        int colon = person.indexOf(':');
        if (colon > 0) {
            String kind = person.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            if (KINDS.contains(kind) || NAME.equals(kind) || PERSON.equals(kind)) {
                return List.of(hash(kind, person.substring(colon + 1)));
            }
        }
        return KINDS.stream().map(k -> hash(k, person)).toList();
    }

    private void add(List<String> out, String kind, String value) {
        if (present(value)) {
            out.add(hash(kind, value));
        }
    }

    static String normaliseIdentifier(String v) {
        return v.replaceAll("\\s+", "").toUpperCase(Locale.ROOT);
    }

    /** given|family|dob|postcode, lower case, trimmed, the postcode without spaces. */
    static String normaliseName(String v) {
        String[] p = v.split("\\|", -1);
        if (p.length == 4) {
            p[3] = p[3].replaceAll("\\s+", "");
        }
        List<String> parts = new ArrayList<>();
        for (String s : p) {
            parts.add(s.trim().toLowerCase(Locale.ROOT));
        }
        return String.join("|", parts);
    }

    private static boolean present(String v) {
        return v != null && !v.isBlank();
    }

    private Mac newMac() {
        try {
            Mac m = Mac.getInstance("HmacSHA256");
            m.init(key);
            return m;
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }
}
