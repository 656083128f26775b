package torii.clients.boundary;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import torii.clients.entity.Client;

/**
 * A confidential client to make: its id only, since the service makes its secret.
 * <p>A class, not a record: Payara's OpenAPI scanner fails on constraints of record components.
 */
public class ClientForm {

    @NotNull
    @Pattern(regexp = Client.ID, message = "2 to 48 lower-case letters, digits and hyphens, starting with a letter")
    public String client_id;
}
