package torii.users.boundary;

/** A request to change one's own password; components are named as the JSON fields are. Never printed. */
public record PasswordChange(String current_password, String new_password) {

    @Override
    public String toString() {
        return "PasswordChange[…]";
    }
}
