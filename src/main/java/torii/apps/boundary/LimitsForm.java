package torii.apps.boundary;

import jakarta.validation.constraints.Positive;
import torii.apps.entity.Limits;

/**
 * The limits a form may set, for a grant or an API key: requests per minute, tokens per day and per month (UTC), each
 * left out for none.
 */
public class LimitsForm {

    @Positive
    public Integer requests_per_minute;

    @Positive
    public Long tokens_per_day;

    @Positive
    public Long tokens_per_month;

    public Limits limits() {
        return new Limits(requests_per_minute, tokens_per_day, tokens_per_month);
    }
}
