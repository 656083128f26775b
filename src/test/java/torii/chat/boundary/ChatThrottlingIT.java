package torii.chat.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import torii.testing.Api;
import torii.testing.Browser;
import torii.testing.Deployments;

/** The chat page's sign-in on a server that throttles failed logins as configured by default. */
@ExtendWith(ArquillianExtension.class)
class ChatThrottlingIT {

    @Deployment(testable = false)
    @TargetsContainer("throttled")
    static WebArchive deployment() {
        return Deployments.war();
    }

    @ArquillianResource
    URL deployment;

    @Test
    void throttledSignInSaysHowLongToWait() {
        var api = Api.at(deployment);
        var username = "guessed-" + UUID.randomUUID();
        for (int i = 0; i < 6; i++) {
            api.postForm("token", "username=" + username + "&password=wrong-" + i);
        }
        var retryAfter = api.postForm("token", "username=" + username + "&password=again").header("Retry-After");
        assertTrue(Integer.parseInt(retryAfter) > 1, retryAfter);
        Browser.visit(api.uri("/"), "chat-throttled", (browser, wait) -> {
            ChatPageIT.signIn(browser, wait, username, "one-more-guess");
            var error = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("sign-in-error"))).getText();
            assertTrue(error.matches("Too many attempts\\. Try again in \\d+ seconds\\."), error);
            var seconds = Integer.parseInt(error.replaceAll("\\D", ""));
            assertTrue(seconds > 0 && seconds <= Integer.parseInt(retryAfter), error);
            assertEquals(0, browser.findElements(By.cssSelector("#app-list button")).size());
        });
    }
}
