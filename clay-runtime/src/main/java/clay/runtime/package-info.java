/**
 * The Clay daemon: {@link clay.runtime.ClayRuntime} boots the configured modules in order, serves the loopback API and
 * answers utterances through the {@link clay.runtime.Assistant}.
 */
package clay.runtime;
