/**
 * Clay canvas: the UI factory that turns intents and data into declarative surface specs, and the fluid
 * canvas (a web app plus a server-side hub) that shows, morphs, merges and transforms them.
 */
package clay.canvas;
