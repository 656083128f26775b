package torii.gateway.boundary;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import torii.gateway.control.Budgets.Allowance;

/**
 * What is left of a caller's budgets for one application: requests this minute, tokens today and this month, each
 * with its limit and the seconds until it is whole again; left out where there is no limit.
 */
@JsonbPropertyOrder({"app", "requests_per_minute", "tokens_per_day", "tokens_per_month"})
public record BudgetReport(String app, Allowance requests_per_minute, Allowance tokens_per_day,
        Allowance tokens_per_month) {
}
