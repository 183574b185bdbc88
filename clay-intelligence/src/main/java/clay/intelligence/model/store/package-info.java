/** Model management: the models a user added or pulled ({@link clay.intelligence.model.store.ModelStore}), the
 *  built-in catalog of recommended GGUF models, resumable checksummed downloads, and the quick model test. */
package clay.intelligence.model.store;
