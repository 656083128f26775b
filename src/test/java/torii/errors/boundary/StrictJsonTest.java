package torii.errors.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StrictJsonTest {

    /** A body type as the API declares them: public fields of text, a flag, a set of names. */
    public static class Form {
        public String name;
        public Boolean disabled;
        public Set<String> roles;
        public List<String> tags;
    }

    record Change(String current_password, String new_password) {
    }

    static void check(Class<?> type, String json) {
        StrictJson.object(json).forEach((name, value) -> StrictJson.check(type, name, value));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"name\":\"x\"}xyz", "[{\"name\":\"x\"}]", "{\"name\":\"x\"}{\"name\":\"y\"}", "\"x\"",
            "null", "12", "{\"name\":", "{\"name\":\"x\",}", "{'name':'x'}", "{\"name\":\"x\"}]"})
    void anythingButOneObjectIsMalformed(String json) {
        var refused = assertThrows(ApiException.class, () -> StrictJson.object(json));
        assertEquals(400, refused.status());
        assertEquals("invalid_request", refused.error());
    }

    @Test
    void whitespaceAroundTheObjectIsFine() {
        assertEquals("x", StrictJson.object(" \n{\"name\":\"x\"}\r\n\t").getString("name"));
    }

    @Test
    void nestingBeyondTheParsersDepthIsMalformedNotAFailure() {
        var deep = "{\"name\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}";
        assertEquals(400, assertThrows(ApiException.class, () -> StrictJson.object(deep)).status());
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"name\":12}", "{\"name\":true}", "{\"name\":[\"x\"]}", "{\"name\":{}}",
            "{\"disabled\":\"true\"}", "{\"disabled\":1}", "{\"roles\":\"admin\"}", "{\"roles\":[1]}",
            "{\"roles\":[[\"admin\"]]}", "{\"tags\":[null]}", "{\"nmae\":\"x\"}"})
    void fieldsOfAnotherTypeOrUnknownAreRefusedNamingThem(String json) {
        var refused = assertThrows(ApiException.class, () -> check(Form.class, json));
        assertEquals(400, refused.status());
        var field = json.substring(2, json.indexOf('"', 2));
        assertEquals(field, refused.param(), refused.getMessage());
    }

    @Test
    void fieldsOfTheirTypeOrNullAreAccepted() {
        check(Form.class, "{\"name\":\"x\",\"disabled\":false,\"roles\":[\"a\",\"b\"],\"tags\":[]}");
        check(Form.class, "{\"name\":null,\"disabled\":null,\"roles\":null}");
        check(Change.class, "{\"current_password\":\"a\",\"new_password\":\"b\"}");
        assertThrows(ApiException.class, () -> check(Change.class, "{\"current_password\":1}"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"name\":\"a\\u0000b\"}", "{\"roles\":[\"ok\",\"\\u0000\"]}"})
    void textWithANulIsRefusedSinceNoDatabaseShouldBeAskedToStoreIt(String json) {
        var refused = assertThrows(ApiException.class, () -> check(Form.class, json));
        assertTrue(refused.getMessage().contains("NUL"), refused.getMessage());
    }

    @Test
    void anUnknownFieldWithAnUnprintableNameIsRefusedWithoutQuotingIt() {
        var refused = assertThrows(ApiException.class, () -> check(Form.class, "{\"a\\u0000b\":1}"));
        assertTrue(refused.getMessage().contains("not known"), refused.getMessage());
    }

    @Test
    void onlyUtf8IsABody() {
        assertEquals("é", StrictJson.utf8("é".getBytes(StandardCharsets.UTF_8)));
        assertThrows(ApiException.class, () -> StrictJson.utf8(new byte[] {'"', (byte) 0xc3, (byte) 0x28, '"'}));
    }

    @Test
    void onlyObjectIsEmptyRatherThanThrowing() {
        assertTrue(StrictJson.onlyObject("{}x").isEmpty());
        assertEquals(JsonValue.EMPTY_JSON_OBJECT, StrictJson.onlyObject("{}").orElseThrow());
    }
}
