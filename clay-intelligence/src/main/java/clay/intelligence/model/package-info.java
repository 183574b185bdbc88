/** Model providers: one interface over embedded llama.cpp, OpenAI-compatible servers, Ollama, Anthropic and OpenAI. */
package clay.intelligence.model;
