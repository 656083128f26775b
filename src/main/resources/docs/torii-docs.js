// Swagger UI over the MicroProfile OpenAPI document, which the server publishes at /openapi.
window.addEventListener("load", () => {
  window.ui = SwaggerUIBundle({
    url: "/openapi",
    dom_id: "#swagger-ui",
    deepLinking: true,
    presets: [SwaggerUIBundle.presets.apis, SwaggerUIBundle.SwaggerUIStandalonePreset],
    layout: "BaseLayout",
    showExtensions: true,
    // The token lives in this page's memory only; a reload signs the user out.
    persistAuthorization: false
  });
});
