/** The loopback HTTP + WebSocket API: security checks, error mapping, ask, models, intents, OpenAI-compatible chat. */
package clay.runtime.api;
