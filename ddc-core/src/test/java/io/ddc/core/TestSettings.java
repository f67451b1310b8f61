package io.ddc.core;

import io.ddc.Durability;
import io.ddc.spi.EngineSettings;
import io.ddc.testing.ManualClock;

/** The engine settings of the tests that start the engine's parts directly, with a manual clock. */
final class TestSettings {
    private TestSettings() {}

    /** @return the clock, a sleeper that advances it, forces at the end of each visit, resume */
    static EngineSettings manual(ManualClock clock) {
        return with(clock, Durability.EACH_VISIT);
    }

    /** @return the clock, a sleeper that advances it, the durability, resume */
    static EngineSettings with(ManualClock clock, Durability durability) {
        return new EngineSettings(clock, new FakeSleeper(clock), durability, false);
    }
}
