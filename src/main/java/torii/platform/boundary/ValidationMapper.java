package torii.platform.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import torii.platform.control.ErrorBody;

/** A request body or parameter that breaks a constraint: 400 naming each field, in the one error shape. */
@Provider
@ApplicationScoped
public class ValidationMapper implements ExceptionMapper<ConstraintViolationException> {

    @Context
    UriInfo uri;

    @Override
    public Response toResponse(ConstraintViolationException exception) {
        var description = exception.getConstraintViolations().stream().map(ValidationMapper::describe).sorted()
                .collect(Collectors.joining("; "));
        return ErrorMapper.respond(uri, 400, ErrorBody.oauth("invalid_request", description), null, null);
    }

    static String describe(ConstraintViolation<?> violation) {
        return field(violation.getPropertyPath()) + ": " + violation.getMessage();
    }

    /** The last named node: "create.form.name" reads as "name"; a whole missing body as "body". */
    static String field(Path path) {
        return StreamSupport.stream(path.spliterator(), false)
                .filter(node -> node.getKind() == jakarta.validation.ElementKind.PROPERTY)
                .map(Path.Node::getName).reduce((first, second) -> second).orElse("body");
    }
}
