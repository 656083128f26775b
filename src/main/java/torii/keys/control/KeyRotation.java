package torii.keys.control;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import torii.keys.entity.SigningKey;

/**
 * Which stored keys sign and verify: the newest key not retired signs, every key whose tokens may still be valid
 * verifies, and a signer older than the maximum age is due for replacement.
 */
public record KeyRotation(Duration maxAge, Duration tokenLifetime) {

    /** The keys to use now; the signer is empty when there is none, or when it is due for replacement. */
    public record Choice(Optional<SigningKey> signer, List<SigningKey> verifiers, List<SigningKey> expired) {
    }

    public Choice choose(List<SigningKey> stored, Instant now) {
        var signer = stored.stream().filter(key -> !key.retired()).max(Comparator.comparing(SigningKey::created))
                .filter(key -> now.isBefore(key.created().plus(maxAge)));
        var verifiers = stored.stream().filter(key -> key.verifiesAt(now, tokenLifetime)).toList();
        var expired = stored.stream().filter(key -> !key.verifiesAt(now, tokenLifetime)).toList();
        return new Choice(signer, verifiers, expired);
    }
}
