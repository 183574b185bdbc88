package clay.core;

/** A program or skill asked for a capability the user has not granted. */
public class CapabilityDeniedException extends ClayException {
    private final Capability capability;

    public CapabilityDeniedException(Capability capability, String why) {
        super("capability denied: " + capability + " (" + why + ")", "approve it with clay programs approve, or change the program");
        this.capability = capability;
    }

    public Capability capability() {
        return capability;
    }

    @Override
    public String kind() {
        return "capability_denied";
    }
}
