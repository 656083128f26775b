package torii.clients.boundary;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import torii.clients.control.RedirectUris;
import torii.clients.entity.Client;

/**
 * A client to make: its id, confidential (the service makes its secret) unless {@code type} is {@code public}, and the
 * redirect URIs it may receive authorization codes at.
 * <p>A class, not a record: Payara's OpenAPI scanner fails on constraints of record components.
 */
public class ClientForm {

    @NotNull
    @Pattern(regexp = Client.ID, message = "2 to 48 lower-case letters, digits and hyphens, starting with a letter")
    public String client_id;

    @Pattern(regexp = "public|confidential", message = "public or confidential")
    public String type;

    @Size(max = RedirectUris.MAX_COUNT)
    public List<String> redirect_uris;
}
