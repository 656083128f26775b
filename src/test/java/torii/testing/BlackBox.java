package torii.testing;

import java.net.URL;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/** A test that deploys the built WAR to Payara Micro and talks to it only over HTTP, as any client would. */
@ExtendWith(ArquillianExtension.class)
public abstract class BlackBox {

    @Deployment(testable = false)
    public static WebArchive deployment() {
        return Deployments.war();
    }

    @ArquillianResource
    URL deployment;

    protected Api api;

    @BeforeEach
    void connect() {
        api = Api.at(deployment);
    }
}
