package torii.signin.boundary;

/** What the logout page posts: the logout request it was shown for, as its query string. */
public record LogoutForm(String query) {
}
