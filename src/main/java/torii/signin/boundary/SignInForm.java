package torii.signin.boundary;

/**
 * What the login page posts: the authorization request it was shown for, as the query string it was served with, and
 * the credentials; {@code new_password} replaces a temporary password. Components are named as the JSON fields are.
 */
public record SignInForm(String query, String username, String password, String new_password) {

    /** Never prints the passwords. */
    @Override
    public String toString() {
        return "SignInForm[username=" + username + "]";
    }
}
