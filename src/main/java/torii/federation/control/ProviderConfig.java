package torii.federation.control;

import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import torii.platform.control.SecretFiles;

/**
 * One upstream OpenID Connect provider as configured below {@code torii.federation.<id>.}. The client secret is read
 * from its file at each use, so that a rotated secret is used at once.
 */
public record ProviderConfig(String id, String name, Issuer issuer, ClientID clientId, String secretFile,
        String groupsClaim, Scope scope) {

    public Secret secret() {
        return new Secret(SecretFiles.read(Providers.PREFIX + id + ".client-secret-file", secretFile));
    }
}
