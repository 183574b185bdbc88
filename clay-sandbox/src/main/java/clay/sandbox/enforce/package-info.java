/**
 * OS enforcement: bubblewrap and gVisor backends, the seccomp filter, cgroup and rlimit limits and the
 * supervisor that kills whole process trees.
 */
package clay.sandbox.enforce;
