package torii.testing;

import java.io.File;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The WAR that the build produced, as users deploy it: tests run against it unchanged. */
public interface Deployments {

    static WebArchive war() {
        var path = System.getProperty("torii.war");
        if (path == null || !new File(path).isFile()) {
            throw new IllegalStateException("torii.war must name the built WAR (run the tests with mvn verify)");
        }
        return ShrinkWrap.createFromZipFile(WebArchive.class, new File(path)).as(WebArchive.class);
    }
}
