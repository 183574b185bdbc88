/** Registers the models named in the configuration with the runtime's {@link clay.runtime.Models}. */
package clay.runtime.models;
