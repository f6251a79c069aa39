package org.familyhub.linkage;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** Given names that are familiar forms of one another: Bob and Robert, Liz and Elizabeth. */
public final class Nicknames {

    private static final Nicknames STANDARD = load("/linkage/nicknames.csv");

    /** Normalised name → the lines (groups) it appears on. */
    private final Map<String, Set<Integer>> groups;

    /** Name → itself and every name sharing a line with it. */
    private final Map<String, Set<String>> forms = new HashMap<>();

    private Nicknames(Map<String, Set<Integer>> groups) {
        this.groups = groups;
        groups.forEach((a, ga) -> {
            Set<String> f = new HashSet<>();
            f.add(a);
            groups.forEach((b, gb) -> {
                if (!java.util.Collections.disjoint(ga, gb)) {
                    f.add(b);
                }
            });
            forms.put(a, Set.copyOf(f));
        });
    }

    public static Nicknames standard() {
        return STANDARD;
    }

    static Nicknames load(String resource) {
        InputStream in = Nicknames.class.getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException("missing resource " + resource);
        }
        Map<String, Set<Integer>> groups = new HashMap<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            int group = 0;
            while ((line = r.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                group++;
                for (String name : line.split(",")) {
                    String n = Normalise.text(name);
                    if (!n.isEmpty()) {
                        groups.computeIfAbsent(n, k -> new HashSet<>()).add(group);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Nicknames(groups);
    }

    /**
     * The name and every name it is a familiar form of, or has as one (already normalised): exactly the names
     * {@code b} for which {@code a.equals(b) || same(a, b)}, so a database can be asked for them by equality.
     */
    public Set<String> forms(String a) {
        Set<String> known = forms.get(a);
        return known != null ? known : Set.of(a);
    }

    /** Every name on the list, normalised. */
    Set<String> names() {
        return groups.keySet();
    }

    /** Both names already normalised. */
    public boolean same(String a, String b) {
        Set<Integer> ga = groups.get(a);
        Set<Integer> gb = groups.get(b);
        if (ga == null || gb == null) {
            return false;
        }
        for (Integer g : ga) {
            if (gb.contains(g)) {
                return true;
            }
        }
        return false;
    }
}
