/** The Clay broker: an HTTP endpoint on a unix socket bound into the sandbox through which a program uses its
 * approved notify, clipboard and llm capabilities, each call checked again and refusals audited. */
package clay.sandbox.broker;
