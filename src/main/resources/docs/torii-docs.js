// Swagger UI over the MicroProfile OpenAPI document, which the server publishes at /openapi. Authorize signs in
// either with the password flow or, through the login page, with the authorization code flow and PKCE as the public
// client "docs", whose registered redirect URI is this folder's oauth2-redirect.html.
window.addEventListener("load", () => {
  window.ui = SwaggerUIBundle({
    url: "/openapi",
    dom_id: "#swagger-ui",
    deepLinking: true,
    presets: [SwaggerUIBundle.presets.apis, SwaggerUIBundle.SwaggerUIStandalonePreset],
    layout: "BaseLayout",
    showExtensions: true,
    oauth2RedirectUrl: `${window.location.origin}/docs/oauth2-redirect.html`,
    // The token lives in this page's memory only; a reload signs the user out.
    persistAuthorization: false
  });
  window.ui.initOAuth({
    clientId: "docs",
    usePkceWithAuthorizationCodeGrant: true,
    // Space-separated, as RFC 6749 writes a scope.
    scopeSeparator: " "
  });
});
