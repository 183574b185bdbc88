/** Skills: the handlers that answer an intent, and the offline skills that need no model. */
package clay.runtime.skill;
