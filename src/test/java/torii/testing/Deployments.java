package torii.testing;

import java.io.File;
import java.util.List;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The WAR that the build produced, as users deploy it: tests run against it unchanged. */
public interface Deployments {

    /** The in-container test classes (package-private, so named here), with their nested classes. */
    List<String> IN_CONTAINER = List.of("torii.HostileInputIT", "torii.RetentionIT",
            "torii.platform.boundary.RequestLimitsIT", "torii.users.boundary.PasswordRulesIT",
            "torii.users.boundary.UserDisablingIT", "torii.users.control.HashingPoolIT");

    static WebArchive war() {
        var path = System.getProperty("torii.war");
        if (path == null || !new File(path).isFile()) {
            throw new IllegalStateException("torii.war must name the built WAR (run the tests with mvn verify)");
        }
        return ShrinkWrap.createFromZipFile(WebArchive.class, new File(path)).as(WebArchive.class);
    }

    /**
     * The built WAR with every in-container test class and what they use. Arquillian adds the class that runs, which
     * is already in it, so every in-container class deploys the same archive and they share one server.
     */
    static WebArchive inContainer() {
        var war = war().addClasses(Api.class, Api.Reply.class, RawHttp.class);
        IN_CONTAINER.forEach(war::addClass);
        return war;
    }
}
