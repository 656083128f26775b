package torii.platform.control;

/** Who made a request, where what runs outside JAX-RS (the audit trail names who acted) can read it. */
public interface Callers {

    /** The request attribute holding the authenticated caller's name. */
    String ATTRIBUTE = "torii.caller";
}
