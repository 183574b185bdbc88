/**
 * Text and metadata extraction with Apache Tika, and chunking sized for the embedding model.
 * Bad input never throws out of here: it comes back as an extraction with a status.
 */
package clay.fs.extract;
