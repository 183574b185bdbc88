/** Embedded llama.cpp: the in-process provider over de.kherud:llama, GGUF file inspection and writing, and its bench.
 *  Entry points: {@link clay.intelligence.llama.LlamaCppProvider#load}, {@link clay.intelligence.llama.TinyGguf#write}. */
package clay.intelligence.llama;
