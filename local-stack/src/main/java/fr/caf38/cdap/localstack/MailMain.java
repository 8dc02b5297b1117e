package fr.caf38.cdap.localstack;

import fr.caf38.cdap.testinfra.MailServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * GreenMail in its own process: SMTP accepting any recipient, IMAP with login and password equal to
 * the address. {@code MailMain <smtpPort> <imapPort> [parentPid]}. Reads commands on its standard
 * input, {@code smtp stop} and {@code smtp start}, so a test can take SMTP down while the mailboxes
 * keep what they received.
 */
public final class MailMain {
    private static final Logger log = LoggerFactory.getLogger(MailMain.class);

    private MailMain() {
    }

    public static void main(String[] args) throws Exception {
        int smtp = Integer.parseInt(args[0]);
        int imap = Integer.parseInt(args[1]);
        ParentWatch.exitWhenGone(args.length > 2 ? args[2] : null);
        MailServer mail = new MailServer(smtp, imap);
        Runtime.getRuntime().addShutdownHook(new Thread(mail::close, "mail-shutdown"));
        log.info("Mail server ready: SMTP 127.0.0.1:{}, IMAP 127.0.0.1:{}", smtp, imap);
        var commands = new java.io.BufferedReader(new java.io.InputStreamReader(System.in,
                java.nio.charset.StandardCharsets.UTF_8));
        String command;
        while ((command = commands.readLine()) != null) {
            switch (command.trim()) {
                case "smtp stop" -> {
                    mail.stopSmtp();
                    log.info("SMTP stopped");
                }
                case "smtp start" -> {
                    mail.startSmtp();
                    log.info("SMTP started");
                }
                default -> log.warn("Unknown command: {}", command);
            }
        }
        Thread.currentThread().join();
    }
}
