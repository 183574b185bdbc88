/** The user's configuration file ({@code $XDG_CONFIG_HOME/clay/config.toml}): reading, validating, editing. */
package clay.runtime.config;
