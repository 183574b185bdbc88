package clay.sandbox;

import static clay.sandbox.SandboxFixture.requires;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import clay.core.CapabilityDeniedException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A hostile program with write grants (bubblewrap: gVisor refuses write grants) tries to make Clay's copy-back write
 * outside every grant: nested grants, a {@code **} glob over nested directories, forging the archive while it runs or
 * from a process it leaves behind, symlinks to secrets. Nothing lands outside, nothing is left as a link.
 */
class WriteGrantEscapeTest {
    @TempDir Path dir;
    SandboxFixture f;
    Path victim;

    @BeforeEach
    void open() throws IOException {
        f = new SandboxFixture(dir, BackendKind.BUBBLEWRAP);
        victim = Files.writeString(f.userHome.resolve("victim"), "original\n");
    }

    @AfterEach
    void close() {
        f.close();
    }

    private java.util.List<Path> symlinksUnder(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isSymbolicLink).toList();
        }
    }

    @Test
    void nestedGrantsAndAGlobExpandingIntoNestedGrantsAreRefused() throws IOException {
        Files.createDirectories(f.userHome.resolve("a/b"));
        assertThatThrownBy(() -> f.python(requires("write:~/a", "write:~/a/b") + "print(1)\n"))
                .isInstanceOf(CapabilityDeniedException.class).hasMessageContaining("overlap");
        assertThatThrownBy(() -> f.python(requires("read:~/a", "write:~/a/b") + "print(1)\n"))
                .isInstanceOf(CapabilityDeniedException.class).hasMessageContaining("overlap");
        Files.createDirectories(f.userHome.resolve("g/x/y/z"));
        assertThatThrownBy(() -> f.python(requires("write:~/g/**") + "print(1)\n"))
                .isInstanceOf(CapabilityDeniedException.class).hasMessageContaining("overlap");
        assertThat(Files.readString(victim)).isEqualTo("original\n");
    }

    @Test
    void theArchiveCannotBeReachedOrForgedFromInside() throws IOException {
        Path out = Files.createDirectories(f.userHome.resolve("out"));
        Path other = Files.createDirectories(f.userHome.resolve("other"));
        RunResult r = f.python(requires("write:~/out", "write:~/other") + """
                import os, glob, time
                reached = []
                for p in glob.glob('/run/clay/out/*') + glob.glob('/run/clay/*.tar'):
                    reached.append(p)
                for pid in os.listdir('/proc'):
                    if not pid.isdigit() or int(pid) == os.getpid():
                        continue
                    for fd in glob.glob(f'/proc/{pid}/fd/*'):
                        try:
                            target = os.readlink(fd)
                        except OSError:
                            continue
                        if target.endswith('.tar'):
                            try:
                                with open(fd, 'wb') as w:
                                    w.write(b'forged')
                                reached.append(fd)
                            except OSError:
                                pass
                print('reached', reached)
                # a process left behind keeps planting links and files after the program exits
                if os.fork() == 0:
                    os.setsid()
                    if os.fork() == 0:
                        home = os.path.expanduser('~')
                        for i in range(400):
                            try:
                                os.symlink(home + '/victim', home + '/out/late%d' % i)
                                os.symlink('/etc/shadow', home + '/other/shadow%d' % i)
                            except OSError:
                                pass
                            time.sleep(0.005)
                    os._exit(0)
                with open(os.path.expanduser('~/out/result.txt'), 'w') as w:
                    w.write('written inside')
                os.symlink(os.path.expanduser('~/victim'), os.path.expanduser('~/out/link'))
                os.symlink('../../victim', os.path.expanduser('~/out/rel_up'))
                """);
        assertThat(r.stdout()).contains("reached []");
        assertThat(r.outcome()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(Files.readString(out.resolve("result.txt"))).isEqualTo("written inside");
        assertThat(symlinksUnder(f.userHome)).isEmpty();
        assertThat(Files.readString(victim)).isEqualTo("original\n");
        assertThat(r.denials()).anyMatch(d -> d.contains("rel_up") && d.contains("symlink"));
        assertThat(r.elapsed()).isLessThan(java.time.Duration.ofSeconds(6)); // the leftover process did not hold the run
    }

    @Test
    void replacingAGrantRootInsideDoesNotRedirectTheCopyBack() throws IOException {
        Path a = Files.createDirectories(f.userHome.resolve("a"));
        Path c = Files.createDirectories(f.userHome.resolve("c"));
        RunResult r = f.python(requires("write:~/a", "write:~/c") + """
                import os, shutil
                home = os.path.expanduser('~')
                for target in (home + '/c', home + '/a'):
                    try:
                        shutil.rmtree(target)
                    except OSError as e:
                        print('cannot remove', target, e.errno)
                    try:
                        os.symlink(home, target)
                    except OSError as e:
                        print('cannot link', target, e.errno)
                os.makedirs(home + '/a/sub', exist_ok=True)
                with open(home + '/a/sub/.bashrc', 'w') as w:
                    w.write('echo PWNED')
                with open(home + '/c/.profile', 'w') as w:
                    w.write('echo PWNED')
                """);
        System.out.println(r);
        assertThat(f.userHome.resolve(".bashrc")).doesNotExist();
        assertThat(f.userHome.resolve(".profile")).doesNotExist();
        assertThat(symlinksUnder(f.userHome)).isEmpty();
        assertThat(a).isDirectory();
        assertThat(c).isDirectory();
    }
}
