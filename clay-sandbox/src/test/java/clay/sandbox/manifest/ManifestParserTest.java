package clay.sandbox.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import clay.core.InvalidInputException;
import org.junit.jupiter.api.Test;

class ManifestParserTest {
    @Test
    void pythonCommentAndDecoratorHeaders() {
        assertThat(ManifestParser.parse("#!/usr/bin/env python3\n# @requires([\"read:~/documents\", 'network:api.x.com'])\nimport os\n")
                .wireNames()).containsExactly("read:~/documents", "network:api.x.com");
        assertThat(ManifestParser.parse("from clay import requires\n@requires([\"notify\"])\ndef main(): pass\n").wireNames())
                .containsExactly("notify");
    }

    @Test
    void javascriptRustAndJavaHeaders() {
        assertThat(ManifestParser.parse("'use strict';\n// @requires([\"env:TOKEN\"])\nconsole.log(1)\n").wireNames())
                .containsExactly("env:TOKEN");
        assertThat(ManifestParser.parse("//! @requires([\"write:/tmp/out\"])\nuse std::fs;\nfn main(){}\n").wireNames())
                .containsExactly("write:/tmp/out");
        assertThat(ManifestParser.parse("/**\n * Does things.\n * @requires([\"read:~/a\",\n *   \"exec:git\"])\n */\npublic class A {}\n")
                .wireNames()).containsExactly("read:~/a", "exec:git");
    }

    @Test
    void nothingDeclaredMeansNothingAndNoHeader() {
        Manifest m = ManifestParser.parse("print('hi')\n# @requires([\"read:/\"]) after code does not count\n");
        assertThat(m.capabilities()).isEmpty();
        assertThat(m.hasHeader()).isFalse();
        assertThat(ManifestParser.parse("# @requires([])\n").hasHeader()).isTrue();
    }

    @Test
    void malformedHeadersAreRefusedWithTheLine() {
        assertThatThrownBy(() -> ManifestParser.parse("# @requires([\"read:x\"\n"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("line 1");
        assertThatThrownBy(() -> ManifestParser.parse("\n# @requires([\"teleport:mars\"])\n"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("line 2").hasMessageContaining("teleport");
        assertThatThrownBy(() -> ManifestParser.parse("# @requires([\"read:a\" junk])\n"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("junk");
    }

    @Test
    void hashChangesWithTheCode() {
        Program a = Program.of("a.py", Language.PYTHON, "print(1)\n");
        Program b = Program.of("a.py", Language.PYTHON, "print(2)\n");
        assertThat(a.hash()).hasSize(64).isNotEqualTo(b.hash());
        assertThat(Program.of("A.java", Language.JAVA, "public final class Hello {}").fileName()).isEqualTo("Hello.java");
    }
}
