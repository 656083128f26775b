package torii.gateway.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import torii.apps.entity.Limits;
import torii.gateway.control.Budgets.Allowance;

/** Budgets against a clock the test sets: what is left, and when each window starts again. */
class BudgetsTest {

    /** Tokens used per day, as the shared counts would answer. */
    final Map<LocalDate, Long> used = new HashMap<>();

    long between(LocalDate from, LocalDate to) {
        return used.entrySet().stream().filter(day -> !day.getKey().isBefore(from) && !day.getKey().isAfter(to))
                .mapToLong(Map.Entry::getValue).sum();
    }

    Allowance tokens(Limits limits, Instant now) {
        return Budgets.tokens(limits, now, this::between);
    }

    @Test
    void aSpentDayIsRefusedUntilMidnightUtcAndWholeAfterIt() {
        var evening = Instant.parse("2026-11-30T23:59:30Z");
        used.put(LocalDate.parse("2026-11-30"), 1000L);
        var spent = tokens(new Limits(null, 1000L, null), evening);
        assertTrue(spent.spent());
        assertEquals(30, spent.resetSeconds());

        var nextDay = tokens(new Limits(null, 1000L, null), evening.plusSeconds(30));
        assertFalse(nextDay.spent());
        assertEquals(1000, nextDay.left());
        assertEquals(86_400, nextDay.resetSeconds());
    }

    @Test
    void aMonthCountsEveryDayOfItAndStartsAgainOnTheFirst() {
        used.put(LocalDate.parse("2026-10-31"), 5000L);
        used.put(LocalDate.parse("2026-11-01"), 300L);
        used.put(LocalDate.parse("2026-11-30"), 200L);
        var now = Instant.parse("2026-11-30T12:00:00Z");
        var month = tokens(new Limits(null, null, 600L), now);
        assertEquals(100, month.left(), "October's tokens are not November's");
        assertEquals(12 * 3600, month.resetSeconds());
        assertEquals(600, tokens(new Limits(null, null, 600L), Instant.parse("2026-12-01T00:00:00Z")).left());
    }

    @Test
    void theTighterOfDayAndMonthIsWhatIsLeft() {
        used.put(LocalDate.parse("2026-11-30"), 90L);
        used.put(LocalDate.parse("2026-11-02"), 880L);
        var both = tokens(new Limits(null, 100L, 1000L), Instant.parse("2026-11-30T10:00:00Z"));
        assertEquals(100, both.limit(), "10 left of the day, 30 of the month");
        assertEquals(10, both.left());
    }

    @Test
    void noTokenLimitIsNoAllowance() {
        assertNull(tokens(new Limits(5, null, null), Instant.parse("2026-11-30T10:00:00Z")));
    }

    @Test
    void requestsStartAgainAtTheNextMinute() {
        var requests = Budgets.requests(3, 3, Instant.parse("2026-11-30T10:00:45Z"));
        assertTrue(requests.spent());
        assertEquals(15, requests.resetSeconds());
        assertEquals(60, Budgets.requests(3, 0, Instant.parse("2026-11-30T10:01:00Z")).resetSeconds());
    }

    @Test
    void whatIsLeftIsTheLimitLessWhatWasUsedNeverBelowNothing() {
        qt().withFixedSeed(20261130L).forAll(longs().between(1, 1_000_000), longs().between(0, 2_000_000),
                longs().between(0, 86_399)).checkAssert((limit, spent, secondOfDay) -> {
                    used.clear();
                    used.put(LocalDate.parse("2026-11-30"), spent);
                    var now = Instant.parse("2026-11-30T00:00:00Z").plusSeconds(secondOfDay);
                    var left = tokens(new Limits(null, limit, null), now);
                    assertEquals(Math.max(0, limit - spent), left.left());
                    assertEquals(spent >= limit, left.spent());
                    assertEquals(86_400 - secondOfDay, left.resetSeconds());
                });
    }

    @Test
    void theTighterAllowanceNeverLeavesMore() {
        qt().withFixedSeed(20261130L).forAll(longs().between(0, 100), longs().between(0, 100))
                .checkAssert((one, other) -> assertEquals(Math.min(one, other),
                        Allowance.tighter(new Allowance(100, one, 10), new Allowance(100, other, 20)).left()));
    }
}
