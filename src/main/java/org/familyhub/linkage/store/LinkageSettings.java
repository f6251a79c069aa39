package org.familyhub.linkage.store;

import org.familyhub.linkage.LinkageConfig;
import org.familyhub.linkage.MatchModel;
import org.springframework.stereotype.Component;

/**
 * The hub links with the weights set once in {@code linkage/linkage.yaml} (reviewed like any configuration), not
 * re-estimated at each start: a person's links must not shift because the data around them grew. The
 * {@code evaluate} command shows what estimation from the data would give.
 */
@Component
public class LinkageSettings {

    private final LinkageConfig config = LinkageConfig.standard();
    private final MatchModel model = MatchModel.fromConfig(config);

    public LinkageConfig config() {
        return config;
    }

    public MatchModel model() {
        return model;
    }
}
