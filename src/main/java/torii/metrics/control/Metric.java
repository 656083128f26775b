package torii.metrics.control;

/** The counters this service keeps, with the names and descriptions the registry shows. */
public enum Metric {

    LOGINS("torii.logins", "Logins at the token endpoint, by outcome: success, failure or throttled"),
    TOKENS_ISSUED("torii.tokens.issued", "Access tokens issued, by grant: password or refresh_token"),
    GATEWAY_CALLS("torii.gateway.calls",
            "Chat completions through the gateway, by application and outcome: completed, rate_limited or upstream_error");

    private final String metricName;
    private final String description;

    Metric(String metricName, String description) {
        this.metricName = metricName;
        this.description = description;
    }

    public String metricName() {
        return metricName;
    }

    public String description() {
        return description;
    }
}
