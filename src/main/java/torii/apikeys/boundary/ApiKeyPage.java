package torii.apikeys.boundary;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.util.List;

/** One page of keys, with the number that match in all. */
@JsonbPropertyOrder({"total", "page", "size", "keys"})
public record ApiKeyPage(long total, int page, int size, List<ApiKeyInfo> keys) {
}
