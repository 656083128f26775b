package torii;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import torii.platform.control.Scope;
import torii.testing.BlackBox;

/** What an application server other than Payara Micro must serve besides the API, with the WAR deployed unchanged. */
abstract class ApplicationServerChecks extends BlackBox {

    @Test
    void openApiDocumentIsServedAtTheRootForTheDocsPage() {
        assertEquals(200, api.get("docs").status());
        assertEquals(200, api.get("docs/swagger-ui-bundle.js").status());
        var reply = api.get("/openapi", "Accept", "application/json");
        assertEquals(200, reply.status());
        assertEquals("items", reply.json().getJsonObject("paths").getJsonObject("/users/me/items")
                .getJsonObject("get").getString("operationId"), "the docs page links to operations by their ids");
        assertEquals("/token", reply.json().getJsonObject("components").getJsonObject("securitySchemes")
                .getJsonObject(Scope.SCHEME).getJsonObject("flows").getJsonObject("password").getString("tokenUrl"));
    }
}
