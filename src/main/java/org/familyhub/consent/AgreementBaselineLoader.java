package org.familyhub.consent;

import jakarta.annotation.PostConstruct;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Loads the approved baseline of {@code consent/agreements/*.yaml} into the agreement store at start-up, before
 * any batch is gated. A version already there (or a later one made through the API) is left as it is.
 */
@Component
public class AgreementBaselineLoader {

    private static final Logger log = LoggerFactory.getLogger(AgreementBaselineLoader.class);

    private final AgreementRegistry baseline;
    private final AgreementStore store;

    public AgreementBaselineLoader(AgreementRegistry baseline, AgreementStore store) {
        this.baseline = baseline;
        this.store = store;
    }

    @PostConstruct
    void load() {
        int loaded = 0;
        for (SharingAgreement a : baseline.all()) {
            if (store.loadBaseline(a)) {
                loaded++;
            }
        }
        log.info("Sharing agreements: {} in the baseline, {} loaded as new versions", baseline.all().size(), loaded);
    }
}
