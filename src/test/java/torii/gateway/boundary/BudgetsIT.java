package torii.gateway.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import torii.testing.Api;
import torii.testing.BlackBox;

/** Budgets of grants and API keys: each limit reached gives the documented 429, and the headers say what is left. */
class BudgetsIT extends BlackBox {

    Gateway gateway;
    String app;
    String username;

    @BeforeEach
    void setUp() {
        gateway = Gateway.of(api);
        app = gateway.echoApp();
    }

    /** A new user holding the application with these limits (JSON members, starting with a comma), logged in. */
    String userWith(String limits) {
        username = Gateway.fresh("budget");
        assertEquals(201, api.json("POST", "admin/users", gateway.admin(), "{\"username\":\"" + username
                + "\",\"password\":\"password-" + username + "\"}").status());
        var granted = api.json("POST", "admin/apps/" + app + "/grants", gateway.admin(),
                "{\"user\":\"" + username + "\"" + limits + "}");
        assertEquals(201, granted.status(), granted.body());
        return api.login(username, "password-" + username);
    }

    Api.Reply call(String token) {
        return gateway.complete(token, Gateway.chat(app, "one two three four"));
    }

    /**
     * Runs a sequence of calls on a minute's budget, for a new caller each time, until it falls within one of the
     * server's minutes: the first answer says how many seconds its minute has left, and a sequence that took longer is
     * run again rather than judged (no waiting for the clock).
     */
    static List<Api.Reply> withinAMinute(Supplier<String> newCaller, Function<String, List<Api.Reply>> calls) {
        for (var attempt = 1; ; attempt++) {
            var token = newCaller.get();
            var started = System.nanoTime();
            var replies = calls.apply(token);
            var first = replies.get(0);
            assertEquals(200, first.status(), first.body());
            var left = Long.parseLong(first.header("x-ratelimit-reset-requests").replace("s", ""));
            if ((System.nanoTime() - started) / 1e9 < left - 1 || attempt == 3) {
                return replies;
            }
        }
    }

    @Test
    void aGrantsRequestsPerMinuteRefuseTheNextWithOpenAisCodeAndHeaders() {
        var replies = withinAMinute(() -> userWith(",\"requests_per_minute\":2"),
                token -> List.of(call(token), call(token), call(token)));
        var first = replies.get(0);
        assertEquals("2", first.header("x-ratelimit-limit-requests"));
        assertEquals("1", first.header("x-ratelimit-remaining-requests"));
        var reset = first.header("x-ratelimit-reset-requests");
        assertTrue(reset.matches("\\d+s"), reset);
        assertEquals("0", replies.get(1).header("x-ratelimit-remaining-requests"));

        var refused = replies.get(2);
        assertEquals(429, refused.status());
        assertEquals("rate_limit_exceeded", Gateway.error(refused).getString("code"));
        var wait = Long.parseLong(refused.header("Retry-After"));
        assertTrue(wait >= 1 && wait <= 60, "until the next minute: " + wait);
    }

    @Test
    void aGrantsTokensPerDayRefuseWithInsufficientQuotaUntilMidnight() {
        var token = userWith(",\"tokens_per_day\":20");
        var first = call(token);
        assertEquals(200, first.status(), first.body());
        var used = first.json().getJsonObject("usage").getInt("total_tokens");
        assertEquals("20", first.header("x-ratelimit-limit-tokens"));
        assertEquals("20", first.header("x-ratelimit-remaining-tokens"),
                "what was left when the call was let in: its own tokens are known only after it");
        var reply = first;
        var calls = 1;
        while (reply.status() == 200 && calls < 20) {
            reply = call(token);
            calls++;
        }
        assertEquals(429, reply.status(), "tokens of " + calls + " calls of " + used);
        assertEquals((20 + used - 1) / used + 1, calls, "refused once the day's tokens were spent, not before");
        var error = Gateway.error(reply);
        assertEquals("insufficient_quota", error.getString("code"));
        assertEquals("insufficient_quota", error.getString("type"));
        var midnight = Duration.between(ZonedDateTime.now(ZoneOffset.UTC),
                LocalDate.now(ZoneOffset.UTC).plusDays(1).atStartOfDay(ZoneOffset.UTC)).toSeconds();
        assertTrue(Math.abs(Long.parseLong(reply.header("Retry-After")) - midnight) <= 5,
                reply.header("Retry-After") + " against " + midnight);
    }

    @Test
    void theUsersOwnGrantWinsOverTheirGroupsAndNewLimitsHoldAtTheNextCall() {
        var token = userWith(",\"requests_per_minute\":50");
        var group = "budget-group-" + UUID.randomUUID().toString().substring(0, 8);
        assertEquals(201, api.json("POST", "admin/apps/" + app + "/grants", gateway.admin(),
                "{\"group\":\"" + group + "\",\"requests_per_minute\":1}").status());
        assertEquals("50", call(token).header("x-ratelimit-limit-requests"));

        var changed = api.json("PUT", "admin/apps/" + app + "/grants", gateway.admin(),
                "{\"user\":\"" + username + "\",\"requests_per_minute\":40,\"tokens_per_month\":100000}");
        assertEquals(200, changed.status(), changed.body());
        assertEquals(40, changed.json().getInt("requests_per_minute"));
        var after = call(token);
        assertEquals("40", after.header("x-ratelimit-limit-requests"));
        assertEquals("100000", after.header("x-ratelimit-limit-tokens"));

        assertEquals(404, api.json("PUT", "admin/apps/" + app + "/grants", gateway.admin(),
                "{\"user\":\"johndoe\",\"requests_per_minute\":1}").status(), "no such grant");
    }

    @Test
    void anApiKeysOwnLimitsHoldAcrossItsCallsAndLeaveItsUsersTokenAlone() {
        var tokens = new java.util.HashMap<String, String>();
        var replies = withinAMinute(() -> {
            var token = userWith("");
            var made = api.json("POST", "users/me/api-keys", token,
                    "{\"name\":\"limited\",\"requests_per_minute\":1,\"tokens_per_day\":1000}");
            assertEquals(201, made.status(), made.body());
            assertEquals(1, made.json().getInt("requests_per_minute"));
            tokens.put(made.json().getString("key"), token);
            return made.json().getString("key");
        }, key -> List.of(call(key), call(key), call(tokens.get(key))));
        assertEquals("1000", replies.get(0).header("x-ratelimit-limit-tokens"));
        var refused = replies.get(1);
        assertEquals(429, refused.status());
        assertTrue(Gateway.error(refused).getString("message").contains("this key"), refused.body());
        assertEquals(200, replies.get(2).status(), "the user's own token is not the key");
    }

    @Test
    void anApiKeysTokensPerDayAreSpentByItsCallsOnly() {
        var token = userWith("");
        var key = api.json("POST", "users/me/api-keys", token, "{\"name\":\"tokens\",\"tokens_per_day\":5}").json()
                .getString("key");
        assertEquals(200, call(key).status());
        var refused = call(key);
        assertEquals(429, refused.status(), refused.body());
        assertEquals("insufficient_quota", Gateway.error(refused).getString("code"));
        assertEquals(200, call(token).status());
        var usage = api.getWithToken("admin/usage?username=" + username, gateway.admin());
        assertEquals(2, usage.array().getJsonObject(0).getInt("requests"), "a key's own counts are no one's usage: "
                + usage.body());
        assertTrue(!api.getWithToken("admin/usage", gateway.admin()).body().contains("\"key:"));
    }

    @Test
    void callersReadWhatIsLeftOfTheirBudgets() {
        var token = userWith(",\"requests_per_minute\":30,\"tokens_per_day\":500");
        var used = call(token).json().getJsonObject("usage").getInt("total_tokens");
        var budgets = api.getWithToken("users/me/usage/budgets", token);
        assertEquals(200, budgets.status(), budgets.body());
        var mine = budgets.array().getJsonObject(0);
        assertEquals(app, mine.getString("app"));
        assertEquals(500, mine.getJsonObject("tokens_per_day").getInt("limit"));
        assertEquals(500 - used, mine.getJsonObject("tokens_per_day").getInt("remaining"));
        assertEquals(30, mine.getJsonObject("requests_per_minute").getInt("limit"));
        assertTrue(!mine.containsKey("tokens_per_month"), "no monthly limit: " + mine);
    }

    @Test
    void aClientsGrantIsLimitedLikeAUsers() {
        var replies = withinAMinute(() -> {
            var client = Gateway.fresh("budget-client");
            var made = api.json("POST", "admin/clients", gateway.admin(), "{\"client_id\":\"" + client + "\"}");
            assertEquals(201, made.status(), made.body());
            assertEquals(201, api.json("POST", "admin/apps/" + app + "/grants", gateway.admin(),
                    "{\"client\":\"" + client + "\",\"requests_per_minute\":1}").status());
            return api.postForm("token", "grant_type=client_credentials", "Authorization",
                    Api.basic(client, made.json().getString("client_secret"))).json().getString("access_token");
        }, token -> List.of(call(token), call(token)));
        assertEquals("1", replies.get(0).header("x-ratelimit-limit-requests"));
        assertEquals(429, replies.get(1).status());
    }

    @Test
    void limitsMustBePositive() {
        for (var bad : new String[] {"\"requests_per_minute\":0", "\"tokens_per_day\":-1",
                "\"tokens_per_month\":\"x\""}) {
            var reply = api.json("POST", "admin/apps/" + app + "/grants", gateway.admin(),
                    "{\"group\":\"g\"," + bad + "}");
            assertEquals(400, reply.status(), bad + ": " + reply.body());
        }
        var token = userWith("");
        assertEquals(400, api.json("POST", "users/me/api-keys", token, "{\"name\":\"x\",\"tokens_per_day\":0}")
                .status());
    }
}
