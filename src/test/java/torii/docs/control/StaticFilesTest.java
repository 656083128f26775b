package torii.docs.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class StaticFilesTest {

    StaticFiles files = StaticFiles.docs();

    @Test
    void ownPageComesBeforeTheWebjarOne() {
        var page = new String(files.find("index.html").orElseThrow().content(), StandardCharsets.UTF_8);
        assertTrue(page.contains("torii-docs.js"), page);
    }

    @Test
    void swaggerUiComesFromItsWebjar() {
        var bundle = files.find("swagger-ui-bundle.js").orElseThrow();
        assertEquals("text/javascript;charset=utf-8", bundle.mediaType());
        assertEquals(32, bundle.etag().length());
    }

    @Test
    void aFolderOfAnotherWebjarIsServedFromItsPackagedVersion() {
        var charts = StaticFiles.webjar("org.webjars.npm", "chart.js", "dist/");
        var bundle = new String(charts.find("chart.umd.js").orElseThrow().content(), StandardCharsets.UTF_8);
        assertTrue(bundle.startsWith("/*!\n * Chart.js v4."), bundle.substring(0, 40));
        assertTrue(charts.find("swagger-ui-bundle.js").isEmpty(), "only the folder asked for");
    }

    @Test
    void fileOfAnUnservedKindIsNotFound() {
        assertTrue(files.find("pom.properties").isEmpty());
    }

    @Test
    void madeUpNamesAreNotRemembered() {
        for (int i = 0; i < 100; i++) {
            assertTrue(files.find("missing-" + i + ".js").isEmpty());
        }
        assertEquals(0, files.remembered());
    }
}
