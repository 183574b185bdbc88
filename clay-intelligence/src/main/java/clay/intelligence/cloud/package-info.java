/** Model servers and clouds over HTTP (OpenAI-compatible servers, Ollama, Anthropic, OpenAI) through LangChain4j's
 *  clients, with one HTTP transport, one error mapping ({@link clay.intelligence.cloud.CloudErrors}) and bounded retries. */
package clay.intelligence.cloud;
