package dev.hull.engine.db;

import java.util.List;
import java.util.function.Predicate;
import java.util.random.RandomGenerator;

/**
 * Names for containers created without {@code --name}: an adjective and the surname
 * of someone who shaped computing or science, joined by '_' (docker's shape). When a
 * pick is taken, a few more picks are tried; then a digit is appended, which grows
 * the space tenfold each round, so the loop always ends.
 */
public final class NameGenerator {

    static final List<String> ADJECTIVES = List.of(
            "amber", "bold", "brave", "bright", "brisk", "calm", "clever", "cosmic", "crisp", "daring",
            "eager", "earnest", "fervent", "gentle", "glad", "hardy", "humble", "jolly", "keen", "kind",
            "lively", "lucid", "mellow", "merry", "nimble", "noble", "patient", "placid", "plucky", "proud",
            "quiet", "rapid", "serene", "sharp", "snug", "steady", "sunny", "swift", "tidy", "vivid",
            "warm", "wise", "witty", "zesty");

    static final List<String> SURNAMES = List.of(
            "abel", "agnesi", "babbage", "backus", "bohr", "boole", "cantor", "cerf", "church", "curie",
            "dijkstra", "euler", "faraday", "fermi", "galois", "gauss", "hamming", "hilbert", "hopper",
            "huffman", "kepler", "knuth", "kovalevskaya", "lamport", "lovelace", "maxwell", "meitner",
            "minsky", "noether", "pascal", "perlman", "ramanujan", "ritchie", "shannon", "somerville",
            "thompson", "turing", "wirth", "yalow", "zuse");

    /** Plain picks tried before digits are appended. */
    private static final int PLAIN_ATTEMPTS = 8;

    private final RandomGenerator random;

    public NameGenerator(RandomGenerator random) {
        this.random = random;
    }

    public NameGenerator() {
        this(RandomGenerator.getDefault());
    }

    /** One adjective_surname pick. */
    public String pick() {
        return ADJECTIVES.get(random.nextInt(ADJECTIVES.size())) + "_"
                + SURNAMES.get(random.nextInt(SURNAMES.size()));
    }

    /** A name for which {@code taken} is false. */
    public String generate(Predicate<String> taken) {
        for (int i = 0; i < PLAIN_ATTEMPTS; i++) {
            String name = pick();
            if (!taken.test(name)) {
                return name;
            }
        }
        String name = pick();
        while (taken.test(name)) {
            name = name + random.nextInt(10);
        }
        return name;
    }
}
