package clay.intelligence.intent;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JsonRepairTest {
    @Test
    void closesWhatALengthLimitCutOff() {
        assertThat(JsonRepair.repair("{\"intent\":\"get_time\",\"confidence\":0.9,\"parameters\":{\"topic\":\"abc"))
                .contains("{\"intent\":\"get_time\",\"confidence\":0.9,\"parameters\":{\"topic\":\"abc\"}}");
        assertThat(JsonRepair.repair("{\"intent\":\"help\",\"parameters\":{\"people\":[\"an")).contains("{\"intent\":\"help\",\"parameters\":{\"people\":[\"an\"]}}");
        assertThat(JsonRepair.repair("{\"intent\":\"help\",\"confidence\":0.")).contains("{\"intent\":\"help\"}");
        assertThat(JsonRepair.repair("{\"intent\":\"help\",\"conf")).contains("{\"intent\":\"help\"}");
        assertThat(JsonRepair.repair("Sure! ```json\n{\"intent\":\"help\"}\n``` hope that helps")).contains("{\"intent\":\"help\"}");
    }

    @Test
    void givesUpOnNonsense() {
        assertThat(JsonRepair.repair("no json here")).isEmpty();
        assertThat(JsonRepair.repair("{\"a\":]")).isEmpty();
    }
}
