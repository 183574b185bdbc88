package clay.intelligence.proxy;

import clay.core.ClayException;

/** A cloud request was not sent (policy says never, or the user said no or did not answer) and no local model can answer. */
public class CloudRequestDeniedException extends ClayException {
    public CloudRequestDeniedException(String why) {
        super("the request was not sent to the cloud: " + why,
                "configure a local model (clay models add) so Clay can answer without the cloud, or change the policy with clay proxy policy");
    }

    @Override
    public String kind() {
        return "cloud_denied";
    }
}
