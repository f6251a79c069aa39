package org.familyhub.config;

import java.nio.file.Path;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The hub's home folder holds {@code routes/}, {@code connectors/} and {@code consent/} (readable by a deployer)
 * and, in the embedded default, {@code work/} (inboxes, database, generated estate).
 */
@Component
public class HubPaths {

    private final Path home;
    private final Path work;

    public HubPaths(@Value("${familyhub.home:.}") String home, @Value("${familyhub.work-dir:}") String work) {
        this.home = Path.of(home).toAbsolutePath().normalize();
        this.work = work.isBlank() ? this.home.resolve("work") : Path.of(work).toAbsolutePath().normalize();
    }

    public Path home() { return home; }
    public Path routes() { return home.resolve("routes"); }
    public Path connectors() { return home.resolve("connectors"); }
    public Path consent() { return home.resolve("consent"); }
    public Path work() { return work; }
    public Path inbox(String partner) { return work.resolve("inbox").resolve(partner); }
}
