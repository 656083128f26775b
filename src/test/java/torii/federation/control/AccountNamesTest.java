package torii.federation.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.strings;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AccountNamesTest {

    @Test
    void usernamesFromThePreferredNameThenTheAddressThenWithTheProvider() {
        assertEquals(List.of("hanako", "hanako@corp.example", "hanako-company", "hanako@corp.example-company"),
                AccountNames.candidates("hanako", "hanako@corp.example", "company"));
        assertEquals(List.of("Yamada-Hanako", "Yamada-Hanako-company"),
                AccountNames.candidates("  Yamada Hanako ", null, "company"));
        assertEquals(List.of(), AccountNames.candidates("山田", null, "company").stream()
                .filter(name -> name.contains("山")).toList());
    }

    @Test
    void groupsBecomeRolesButNeverAdminByChance() {
        assertEquals(Set.of("user", "data-science", "ops"),
                AccountNames.roles(List.of("/engineering/data-science", "Ops", "admin", "/Admin"), null));
        assertEquals(Set.of("user", "admin"), AccountNames.roles(List.of("torii-admins"), "torii-admins"));
    }

    /** Whatever the provider sends, the names made fit the rules of usernames and roles, or are left out. */
    @Test
    void whateverComesInWhatIsMadeFitsTheRules() {
        qt().withFixedSeed(20261201L).withExamples(2000)
                .forAll(strings().allPossible().ofLengthBetween(0, 80), lists().of(strings().allPossible()
                        .ofLengthBetween(0, 40)).ofSizeBetween(0, 80))
                .checkAssert((name, groups) -> {
                    AccountNames.candidates(name, name, "company").forEach(candidate ->
                            assertTrue(AccountNames.USERNAME.matcher(candidate).matches(), candidate));
                    var roles = AccountNames.roles(groups, null);
                    assertTrue(roles.stream().allMatch(role -> AccountNames.ROLE.matcher(role).matches()));
                    assertFalse(roles.contains("admin"));
                    assertTrue(roles.size() <= AccountNames.MAX_ROLES + 1);
                });
    }
}
