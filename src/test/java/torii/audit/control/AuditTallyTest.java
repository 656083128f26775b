package torii.audit.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuditTallyTest {

    static final Instant T0 = Instant.parse("2026-11-30T10:00:00Z");

    static AuditTally.Key failure(String username, String address) {
        return new AuditTally.Key("login", username, address, null, "failure");
    }

    @Test
    void eventsAlikeAreOneCountWithTheFirstTimeAndDetail() {
        var tally = new AuditTally(10);
        tally.add(failure("alice", "192.0.2.1"), T0.plusSeconds(5), "second");
        tally.add(failure("alice", "192.0.2.1"), T0, "first");
        tally.add(failure("alice", "192.0.2.1"), T0.plusSeconds(9), "third");
        var drained = tally.drain();
        assertEquals(1, drained.size());
        var count = drained.get(failure("alice", "192.0.2.1"));
        assertEquals(3, count.count());
        assertEquals(T0, count.first());
        assertTrue(tally.drain().isEmpty(), "counting starts afresh");
    }

    @Test
    void pastTheBoundEventsAreCountedTogetherWithoutUsernameOrAddress() {
        var tally = new AuditTally(3);
        for (int i = 0; i < 10_000; i++) {
            tally.add(failure("guess-" + i, "192.0.2." + (i % 250)), T0, null);
        }
        var drained = tally.drain();
        assertEquals(4, drained.size(), "three keys and the rest together");
        var others = drained.get(new AuditTally.Key("login", null, null, null, "failure"));
        assertEquals(10_000 - 3, others.count());
        assertEquals(AuditTally.OTHERS, others.detail());
        assertEquals(10_000, drained.values().stream().mapToInt(AuditTally.Count::count).sum());
    }

    @Test
    void countsNotWrittenComeBackAddedToNewOnes() {
        var tally = new AuditTally(10);
        tally.add(failure("bob", "192.0.2.7"), T0.plusSeconds(1), null);
        var unwritten = tally.drain();
        tally.add(failure("bob", "192.0.2.7"), T0.plusSeconds(2), null);
        tally.restore(unwritten);
        assertEquals(Map.of(failure("bob", "192.0.2.7"), new AuditTally.Count(T0.plusSeconds(1), null, 2)),
                tally.drain());
    }
}
