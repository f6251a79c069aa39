package org.familyhub.linkage;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Estimates m, u and the prior from unlabelled records, as Splink does: u from random pairs (almost all of them
 * different people), m by expectation-maximisation over blocked candidate pairs. No ground truth is read.
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
        double[][] u = randomPairU(prepared, e.randomPairs());
        double[][] m = new double[Comparison.values().length][];
        for (Comparison c : Comparison.values()) {
            m[c.ordinal()] = config.weights().get(c).m().clone();
        }
        // Two sessions, as Splink trains: pairs with one date of birth teach m of everything but the date; pairs with
        // one name teach m of the date. Blocking on a person's own fields keeps EM from learning "same household".
        Map<Long, long[]> sameDob = candidatePatterns(prepared, "b:", e.maxTrainingPairs());
        double[][] fromDob = em(sameDob, m, u, start.lambda(), EnumSet.of(Comparison.DOB), e).m;
        Map<Long, long[]> sameName = candidatePatterns(prepared, "n:", e.maxTrainingPairs());
        double[][] fromName = em(sameName, m, u, start.lambda(), EnumSet.of(Comparison.GIVEN, Comparison.FAMILY), e).m;
        for (Comparison c : Comparison.values()) {
            m[c.ordinal()] = c == Comparison.DOB ? fromName[c.ordinal()] : fromDob[c.ordinal()];
        }
        // The prior over all candidate pairs, with m and u now fixed.
        Map<Long, long[]> all = candidatePatterns(prepared, "", e.maxTrainingPairs());
        double lambda = em(all, m, u, start.lambda(), EnumSet.allOf(Comparison.class), e).lambda;
        return new MatchModel(m, u, lambda);
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

    /** Comparison patterns of the pairs sharing a blocking key that starts with {@code prefix}. */
    private Map<Long, long[]> candidatePatterns(List<PreparedRecord> records, String prefix, int maxPairs) {
        BlockIndex blocks = new BlockIndex(config.blocking().maxBlockSize());
        Map<Long, long[]> patterns = new HashMap<>();
        long[] taken = {0};
        for (int i = 0; i < records.size() && taken[0] < maxPairs; i++) {
            PreparedRecord r = records.get(i);
            Set<String> keys = BlockingKeys.of(r);
            keys.removeIf(k -> !k.startsWith(prefix));
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

    private record Fit(double[][] m, double lambda) {
    }

    /** EM for m and the prior with u fixed; comparisons in {@code frozen} are ignored and keep their m. */
    private Fit em(Map<Long, long[]> patterns, double[][] m0, double[][] u, double lambda0, Set<Comparison> frozen,
                   LinkageConfig.Estimation e) {
        Comparison[] cs = Comparison.values();
        double[][] m = new double[cs.length][];
        for (Comparison c : cs) {
            m[c.ordinal()] = m0[c.ordinal()].clone();
        }
        boolean[] active = new boolean[cs.length];
        for (Comparison c : cs) {
            active[c.ordinal()] = !frozen.contains(c);
        }
        double lambda = lambda0;
        long[] codes = new long[patterns.size()];
        double[] counts = new double[patterns.size()];
        int k = 0;
        for (Map.Entry<Long, long[]> p : patterns.entrySet()) {
            codes[k] = p.getKey();
            counts[k++] = p.getValue()[0];
        }
        if (codes.length == 0) {
            return new Fit(m, lambda);
        }
        boolean learnM = frozen.size() < cs.length;
        for (int iter = 0; iter < e.maxIterations(); iter++) {
            double[][] mCount = zeros(cs);
            double matches = 0;
            double total = 0;
            for (int p = 0; p < codes.length; p++) {
                double lm = Math.log(lambda);
                double lu = Math.log(1 - lambda);
                for (int c = 0; c < cs.length; c++) {
                    int l = level(codes[p], c);
                    if (l >= 0 && (active[c] || !learnM)) {
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
                    }
                }
            }
            double newLambda = Math.min(0.999, Math.max(1e-6, matches / total));
            double change = Math.abs(newLambda - lambda);
            lambda = newLambda;
            for (int c = 0; c < cs.length; c++) {
                if (active[c] && learnM) {
                    m[c] = smoothed(mCount[c], config.weights().get(cs[c]).m(), e.priorStrength());
                }
            }
            if (change < 1e-6) {
                break;
            }
        }
        return new Fit(m, lambda);
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
