/** {@code clay proxy}: the cloud proxy's audit log, policy, approvals and redaction preview. */
package clay.cli.proxy;
