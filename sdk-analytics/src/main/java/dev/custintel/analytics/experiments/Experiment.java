package dev.custintel.analytics.experiments;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A stored experiment.
 *
 * @param id its id
 * @param definition what it tests and how it is judged
 * @param status where it is in its life
 * @param createdAt when it was created
 * @param startedAt when it started running, or null while a draft
 * @param stoppedAt when it stopped, or null
 * @param exposures customers exposed so far
 */
public record Experiment(
    long id,
    ExperimentDefinition definition,
    ExperimentStatus status,
    Instant createdAt,
    @Nullable Instant startedAt,
    @Nullable Instant stoppedAt,
    long exposures) {}
