/** Shared test fixtures of clay-intelligence, published in its test-jar for other modules: a tiny real llama.cpp
 *  model ({@link clay.intelligence.testing.TestModels}) and a local cloud wire-format server. */
package clay.intelligence.testing;
