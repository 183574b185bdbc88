/**
 * The intelligence router: picks local, cloud, hybrid or local-then-escalate for each request from policy, intent,
 * context size, privacy and reachability; verifies local answers and logs every decision with its reason.
 */
package clay.intelligence.route;
