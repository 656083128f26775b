package torii.clients.boundary;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import torii.clients.control.RedirectUris;

/**
 * A client's redirect URIs, all of them.
 * <p>A class, not a record: Payara's OpenAPI scanner fails on constraints of record components.
 */
public class RedirectUriList {

    @NotNull
    @Size(max = RedirectUris.MAX_COUNT)
    public List<String> redirect_uris;
}
