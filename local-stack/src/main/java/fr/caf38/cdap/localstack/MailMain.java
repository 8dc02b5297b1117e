package fr.caf38.cdap.localstack;

import fr.caf38.cdap.testinfra.MailServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * GreenMail in its own process: SMTP accepting any recipient, IMAP with login and password equal to
 * the address. {@code MailMain <smtpPort> <imapPort> [parentPid]}. Reads commands on its standard
 * input, {@code smtp stop} and {@code smtp start}, so a test can take SMTP down while the mailboxes
 * keep what they received. GreenMail keeps every message in memory: every 10 s only the
 * {@code cdap.mail.keep} most recent (10,000 by default) are kept, with the mailboxes that hold them,
 * so a load of hours cannot exhaust its memory.
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
        int keep = Integer.getInteger("cdap.mail.keep", 10_000);
        var retention = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "mail-retention");
            thread.setDaemon(true);
            return thread;
        });
        retention.scheduleWithFixedDelay(() -> {
            try {
                int removed = mail.keepMostRecent(keep);
                if (removed > 0) {
                    log.info("Removed the {} oldest message(s): the {} most recent are kept", removed, keep);
                }
            } catch (RuntimeException e) {
                log.warn("Could not trim the mailboxes: {}", e.toString());
            }
        }, 10, 10, java.util.concurrent.TimeUnit.SECONDS);
        log.info("Mail server ready: SMTP 127.0.0.1:{}, IMAP 127.0.0.1:{} (the {} most recent messages kept)", smtp,
                imap, keep);
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
