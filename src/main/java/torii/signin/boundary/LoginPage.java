package torii.signin.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.ServletContext;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import torii.docs.control.StaticFiles;
import torii.platform.boundary.Pages;

/** The login page of the WAR, which is also the logout page: it reads which it is from its own address. */
@ApplicationScoped
public class LoginPage {

    @Inject
    ServletContext servletContext;

    private StaticFiles files;

    @PostConstruct
    void open() {
        files = StaticFiles.webapp(servletContext);
    }

    /** With the chat page's policy; never cached, since it is the answer to one request. */
    Response serve(Request request) {
        return Pages.lockedDown(files.serve("signin.html", request)).header("Cache-Control", "no-store").build();
    }
}
