package torii.users.entity;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/** Stores a user's roles as one space-separated column, so that loading a user on every request is a single-row read. */
@Converter
public class RolesConverter implements AttributeConverter<Set<String>, String> {

    @Override
    public String convertToDatabaseColumn(Set<String> roles) {
        return roles == null ? "" : roles.stream().sorted().collect(Collectors.joining(" "));
    }

    @Override
    public Set<String> convertToEntityAttribute(String column) {
        if (column == null || column.isBlank()) {
            return Set.of();
        }
        return Set.copyOf(Arrays.asList(column.trim().split("\\s+")));
    }
}
