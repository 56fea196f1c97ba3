package dev.hull.runtime.plan;

import java.util.ArrayList;
import java.util.List;

/**
 * An immutable, ordered list of steps for hull-init. Exactly one {@link Step.Clone}
 * splits it into the launcher part and the child part.
 */
public record Plan(List<Step> steps) {

    public Plan {
        steps = List.copyOf(steps);
        long clones = steps.stream().filter(s -> s instanceof Step.Clone).count();
        if (clones != 1) {
            throw new IllegalArgumentException("a plan needs exactly one clone step, found " + clones);
        }
    }

    public Step.Clone cloneStep() {
        return steps.stream().filter(s -> s instanceof Step.Clone).map(s -> (Step.Clone) s).findFirst().orElseThrow();
    }

    /** Steps of one type, in order; for tests and inspection. */
    public <T extends Step> List<T> stepsOf(Class<T> type) {
        return steps.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** One description per line ({@code hull-init --check} prints each with its op name in front). */
    public String describe() {
        StringBuilder b = new StringBuilder();
        for (Step s : steps) {
            b.append(s.description()).append('\n');
        }
        return b.toString();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Collects steps in order. */
    public static final class Builder {
        private final List<Step> steps = new ArrayList<>();

        public Builder add(Step step) {
            steps.add(step);
            return this;
        }

        public Builder addAll(List<? extends Step> more) {
            steps.addAll(more);
            return this;
        }

        public Plan build() {
            return new Plan(steps);
        }
    }
}
