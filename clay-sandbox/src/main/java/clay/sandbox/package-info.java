/**
 * Entry point of Clay's code sandbox: {@link clay.sandbox.Sandbox#create} runs programs under exactly the
 * capabilities their manifest declares and the user approved.
 */
package clay.sandbox;
