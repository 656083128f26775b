package torii.apps.control;

import java.net.URI;

/**
 * A client registered in Microsoft Entra ID, with which the gateway obtains access tokens for an application's Azure
 * OpenAI resource by the client credentials grant (RFC 6749 section 4.4), instead of sending the resource's key: a
 * secret that can be scoped by role, rotated in Entra and never leaves it. Given by an operator only, like keys; see
 * {@link Upstreams} for the settings. Its text never shows the secret.
 *
 * @param clientId the application (client) id registered in Entra ID
 * @param secret the client's secret
 * @param tokenUrl where tokens are asked for: Entra's v2.0 token endpoint of the tenant
 * @param scope what the token is for: the Azure AI services resource, {@code https://cognitiveservices.azure.com/.default}
 */
public record EntraClient(String clientId, String secret, URI tokenUrl, String scope) {

    /** The scope of a token for Azure OpenAI and the other Azure AI services. */
    public static final String COGNITIVE_SERVICES = "https://cognitiveservices.azure.com/.default";

    /** Entra ID's token endpoint in Azure's public cloud; sovereign clouds have their own host. */
    public static final String PUBLIC_CLOUD_TOKEN_URL = "https://login.microsoftonline.com/{tenant}/oauth2/v2.0/token";

    @Override
    public String toString() {
        return "EntraClient[" + clientId + " at " + tokenUrl + " for " + scope + "]";
    }
}
