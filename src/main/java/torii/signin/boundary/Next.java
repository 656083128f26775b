package torii.signin.boundary;

/** Where the login page sends the browser next; components are named as the JSON fields are. */
public record Next(String redirect_to) {
}
