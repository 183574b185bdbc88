package clay.intelligence.proxy;

import clay.core.InvalidInputException;
import java.util.Locale;

/**
 * The kinds of personal data the proxy recognises; each has its own placeholder prefix ({@code <PERSON_1>}).
 * {@link #SPECIAL} is the special categories of GDPR article 9 said about a person (health, religion or belief, sex
 * life and sexual orientation, political opinion, trade-union membership, ethnic origin, genetic and biometric data):
 * by default such a request is shown to the user before it leaves.
 */
public enum DataClass {
    PERSON, EMAIL, PHONE, ADDRESS, IBAN, CARD, ACCOUNT, ID, SECRET, PATH, IP, DATE_OF_BIRTH, PRIVATE, SPECIAL;

    /** The lower-case name used in policies, the API and the audit log. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static DataClass fromWire(String name) {
        for (DataClass c : values()) {
            if (c.wireName().equalsIgnoreCase(name.strip()) || c.name().equalsIgnoreCase(name.strip())) return c;
        }
        throw new InvalidInputException("unknown data class '" + name + "'",
                "use one of person, email, phone, address, iban, card, account, id, secret, path, ip, date_of_birth, private, special");
    }
}
