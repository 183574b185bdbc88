/** In-process sentence embeddings (ONNX, shipped inside the jar), shared by the intent parser, ClayFS and memory. */
package clay.intelligence.embed;
