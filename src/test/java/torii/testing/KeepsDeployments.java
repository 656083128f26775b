package torii.testing;

import org.jboss.shrinkwrap.api.Archive;

/** A container that keeps a deployment running from one test class to the next. */
interface KeepsDeployments {

    /** Whether this archive already runs here, so that deploying it changes nothing. */
    boolean runs(Archive<?> archive);
}
