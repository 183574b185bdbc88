/**
 * Writing programs with a model: ask, check the capability header, run, repair from errors, escalate.
 * The model is any LangChain4j ChatModel.
 */
package clay.sandbox.generate;
