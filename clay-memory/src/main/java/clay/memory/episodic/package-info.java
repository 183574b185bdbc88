/**
 * Episodic memory: every interaction (utterance, intent, route, result, surfaces, files) recorded encrypted and
 * searchable by meaning and by time.
 */
package clay.memory.episodic;
