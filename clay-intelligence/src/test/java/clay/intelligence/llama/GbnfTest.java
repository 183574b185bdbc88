package clay.intelligence.llama;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import clay.core.InvalidInputException;
import de.kherud.llama.LlamaModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GbnfTest {
    @ParameterizedTest
    @ValueSource(strings = {
        "root ::= \"yes\" | \"no\"",
        "root ::= item+ # trailing comment\nitem ::= [a-z\\x41-\\x5A] \"\\n\"?\n",
        "# header\nroot ::= (\n  \"a\" |\n  \"b\"\n){2,3} .\n",
        "root ::= [^\"\\\\] x{0,} y{3}\nx ::= \"x\"\ny ::= \"\\u00e9\"",
    })
    void acceptsWellFormedGrammars(String grammar) {
        assertThatCode(() -> Gbnf.check(grammar)).doesNotThrowAnyException();
    }

    @Test
    void acceptsWhatLlamaCppGeneratesFromAJsonSchema() {
        String grammar = LlamaModel.jsonSchemaToGrammar(
                "{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"array\",\"items\":{\"type\":\"number\"}},"
                        + "\"b\":{\"enum\":[\"x\",\"y\"]}},\"required\":[\"a\"]}");
        assertThatCode(() -> Gbnf.check(grammar)).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "root ::= (((", "root ::= \"open", "root = \"a\"", "start ::= \"a\"", "root ::= missing",
        "root ::= * \"a\"", "root ::= \"a\" \"b\"\n| \"c\"", "root ::= [a-", "root ::= \"\\q\"", "root ::= \"a\"{}",
    })
    void refusesMalformedGrammars(String grammar) {
        assertThatThrownBy(() -> Gbnf.check(grammar)).isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("bad GBNF grammar at line");
    }
}
