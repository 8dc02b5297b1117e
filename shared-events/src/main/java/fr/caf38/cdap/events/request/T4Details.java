package fr.caf38.cdap.events.request;

/** Profile T4 (services instructeurs RSA): the instructor number needed to open a file. */
public record T4Details(String instructorNumber) {
}
