package fr.caf38.cdap.notification.caf;

/**
 * The identity of one Caf as its emails show it.
 *
 * @param department    the département code that identifies it
 * @param name          e.g. "Caf de l'Isère"
 * @param email         where partners write (Reply-To of every email, and the contact they are given)
 * @param phone         a contact phone number, or null
 * @param address       a postal address on one line, or null
 * @param agentsMailbox the agents' shared mailbox, which receives the notice of a request to examine
 */
public record Caf(String department, String name, String email, String phone, String address, String agentsMailbox) {
}
