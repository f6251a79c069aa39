package org.familyhub.linkage;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Estimates m, u and the prior from unlabelled records, as Splink does: u first from random pairs (almost all of them
 * different people), then expectation-maximisation over the blocked candidate pairs. No ground truth is read.
 * Pairs are reduced to distinct comparison patterns with counts, so EM costs nothing next to comparing.
 */
public final class ModelEstimator {

    private static final int BITS = 4;

    private final LinkageConfig config;
    private final Comparators comparators = new Comparators(Nicknames.standard());

    public ModelEstimator(LinkageConfig config) {
        this.config = config;
    }

    public MatchModel estimate(List<PersonRecord> records) {
        MatchModel start = MatchModel.fromConfig(config);
        LinkageConfig.Estimation e = config.estimation();
        if (!e.em() || records.size() < 2) {
            return start;
        }
        List<PreparedRecord> prepared = new ArrayList<>(records.size());
        for (PersonRecord r : records) {
            prepared.add(new PreparedRecord(r));
        }
        double[][] uRandom = randomPairU(prepared, e.randomPairs());
        Map<Long, long[]> patterns = candidatePatterns(prepared, e.maxTrainingPairs());
        return em(patterns, start, uRandom, e);
    }

    private double[][] randomPairU(List<PreparedRecord> records, int pairs) {
        Comparison[] cs = Comparison.values();
        double[][] counts = new double[cs.length][];
        for (Comparison c : cs) {
            counts[c.ordinal()] = new double[c.levels()];
        }
        SplittableRandom r = new SplittableRandom(0x5EEDL);
        int n = records.size();
        for (int i = 0; i < pairs; i++) {
            int a = r.nextInt(n);
            int b = r.nextInt(n);
            if (a == b) {
                continue;
            }
            int[] v = comparators.compare(records.get(a), records.get(b));
            for (int c = 0; c < v.length; c++) {
                if (v[c] >= 0) {
                    counts[c][v[c]]++;
                }
            }
        }
        double[][] u = new double[cs.length][];
        for (Comparison c : cs) {
            double[] prior = config.weights().get(c).u();
            u[c.ordinal()] = smoothed(counts[c.ordinal()], prior, 10);
        }
        return u;
    }

    private Map<Long, long[]> candidatePatterns(List<PreparedRecord> records, int maxPairs) {
        BlockIndex blocks = new BlockIndex(config.blocking().maxBlockSize());
        Map<Long, long[]> patterns = new HashMap<>();
        long[] taken = {0};
        for (int i = 0; i < records.size() && taken[0] < maxPairs; i++) {
            PreparedRecord r = records.get(i);
            Set<String> keys = BlockingKeys.of(r);
            blocks.candidates(keys, i, c -> {
                patterns.computeIfAbsent(encode(comparators.compare(records.get(c), r)), k -> new long[1])[0]++;
                taken[0]++;
            });
            blocks.add(keys, i);
        }
        return patterns;
    }

    static long encode(int[] v) {
        long code = 0;
        for (int i = 0; i < v.length; i++) {
            code |= (long) (v[i] + 1) << (BITS * i);
        }
        return code;
    }

    static int level(long code, int comparison) {
        return (int) ((code >>> (BITS * comparison)) & 0xF) - 1;
    }

    private MatchModel em(Map<Long, long[]> patterns, MatchModel start, double[][] uRandom, LinkageConfig.Estimation e) {
        Comparison[] cs = Comparison.values();
        double[][] m = new double[cs.length][];
        double[][] u = new double[cs.length][];
        double[][] mPrior = new double[cs.length][];
        for (Comparison c : cs) {
            mPrior[c.ordinal()] = config.weights().get(c).m();
            m[c.ordinal()] = mPrior[c.ordinal()].clone();
            u[c.ordinal()] = uRandom[c.ordinal()].clone();
        }
        double lambda = start.lambda();
        long[] codes = new long[patterns.size()];
        double[] counts = new double[patterns.size()];
        int k = 0;
        for (Map.Entry<Long, long[]> p : patterns.entrySet()) {
            codes[k] = p.getKey();
            counts[k++] = p.getValue()[0];
        }
        for (int iter = 0; iter < e.maxIterations(); iter++) {
            double[][] mCount = zeros(cs);
            double[][] uCount = zeros(cs);
            double matches = 0;
            double total = 0;
            for (int p = 0; p < codes.length; p++) {
                double lm = Math.log(lambda);
                double lu = Math.log(1 - lambda);
                for (int c = 0; c < cs.length; c++) {
                    int l = level(codes[p], c);
                    if (l >= 0) {
                        lm += Math.log(m[c][l]);
                        lu += Math.log(u[c][l]);
                    }
                }
                double g = 1 / (1 + Math.exp(lu - lm));
                matches += counts[p] * g;
                total += counts[p];
                for (int c = 0; c < cs.length; c++) {
                    int l = level(codes[p], c);
                    if (l >= 0) {
                        mCount[c][l] += counts[p] * g;
                        uCount[c][l] += counts[p] * (1 - g);
                    }
                }
            }
            double newLambda = matches / total;
            double change = Math.abs(newLambda - lambda);
            lambda = newLambda;
            for (int c = 0; c < cs.length; c++) {
                m[c] = smoothed(mCount[c], mPrior[c], e.priorStrength());
                if (e.estimateU()) {
                    u[c] = smoothed(uCount[c], uRandom[c], e.priorStrength());
                }
            }
            if (change < 1e-6) {
                break;
            }
        }
        return new MatchModel(m, u, lambda);
    }

    private static double[][] zeros(Comparison[] cs) {
        double[][] z = new double[cs.length][];
        for (Comparison c : cs) {
            z[c.ordinal()] = new double[c.levels()];
        }
        return z;
    }

    /** Counts plus {@code strength} pseudo-counts spread as {@code prior}: no level ever gets probability zero. */
    private static double[] smoothed(double[] counts, double[] prior, double strength) {
        double sum = 0;
        for (double c : counts) {
            sum += c;
        }
        double priorSum = 0;
        for (double p : prior) {
            priorSum += p;
        }
        double[] out = new double[counts.length];
        for (int l = 0; l < counts.length; l++) {
            out[l] = (counts[l] + strength * prior[l] / priorSum) / (sum + strength);
        }
        return out;
    }
}
