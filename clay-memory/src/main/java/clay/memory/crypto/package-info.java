/**
 * Encryption at rest for memory: a 256-bit key from the user's keyring file (0600) or derived from a passphrase, and
 * AES-GCM for every sensitive column, so the database file alone reveals no text.
 */
package clay.memory.crypto;
