package org.familyhub.linkage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/** Thresholds, blocking, estimation and starting weights, read from {@code linkage/linkage.yaml}. */
public record LinkageConfig(Thresholds thresholds, Blocking blocking, Estimation estimation,
                            double priorMatchProbability, Map<Comparison, Weights> weights) {

    public record Thresholds(double upper, double lower) {
        public Thresholds {
            if (lower > upper) {
                throw new IllegalArgumentException("lower threshold above upper");
            }
        }
    }

    public record Blocking(int maxBlockSize) {
    }

    public record Estimation(boolean em, int maxIterations, double priorStrength, int randomPairs,
                             int maxTrainingPairs) {
    }

    public record Weights(double[] m, double[] u) {
    }

    public LinkageConfig {
        for (Comparison c : Comparison.values()) {
            Weights w = weights.get(c);
            if (w == null || w.m().length != c.levels() || w.u().length != c.levels()) {
                throw new IllegalArgumentException("weights for " + c + " need " + c.levels() + " m and u values");
            }
        }
    }

    public static LinkageConfig standard() {
        return load("/linkage/linkage.yaml");
    }

    public static LinkageConfig load(String resource) {
        try (InputStream in = LinkageConfig.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            return read(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static LinkageConfig read(InputStream in) throws IOException {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory())
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);
        return yaml.readValue(in, LinkageConfig.class);
    }

    public LinkageConfig withThresholds(double upper, double lower) {
        return new LinkageConfig(new Thresholds(upper, lower), blocking, estimation, priorMatchProbability, weights);
    }

    public LinkageConfig withoutEstimation() {
        Estimation e = new Estimation(false, estimation.maxIterations(), estimation.priorStrength(),
                estimation.randomPairs(), estimation.maxTrainingPairs());
        return new LinkageConfig(thresholds, blocking, e, priorMatchProbability, weights);
    }
}
