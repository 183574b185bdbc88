/**
 * Clay's shared vocabulary: the values every module speaks ({@link clay.core.Intent}, {@link clay.core.Utterance},
 * {@link clay.core.Capability}, {@link clay.core.Route}), where a user's data lives ({@link clay.core.ClayHome}) and the
 * error hierarchy rooted at {@link clay.core.ClayException}. No I/O libraries, no JSON.
 */
package clay.core;
