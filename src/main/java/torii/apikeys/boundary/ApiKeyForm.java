package torii.apikeys.boundary;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.util.List;
import torii.apps.boundary.LimitsForm;

/**
 * A key to make: its name, the applications it is for (all the user's when left out) and its life in days (the
 * longest allowed when left out), and the key's own limits, counted across its applications within its user's.
 * <p>A class, not a record: Payara's OpenAPI scanner fails on constraints of record components.
 */
public class ApiKeyForm extends LimitsForm {

    @NotNull
    @Size(min = 1, max = 64)
    @Pattern(regexp = "[^\\p{Cntrl}]*", message = "must not hold control characters")
    public String name;

    @Size(min = 1, max = 32)
    public List<@NotNull @Pattern(regexp = "[a-z][a-z0-9-]{1,31}", message = "is not an application id") String> apps;

    @Positive
    public Integer expires_in_days;
}
