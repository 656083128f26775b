package torii.interop;

import jakarta.annotation.security.DeclareRoles;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.auth.LoginConfig;

/** A stock MicroProfile JWT service, as a user of ours would write one: it knows nothing of us but our JWK Set URL. */
@ApplicationPath("")
@LoginConfig(authMethod = "MP-JWT")
@DeclareRoles({"user", "admin"})
public class ResourceServer extends Application {
}
