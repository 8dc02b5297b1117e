package fr.caf38.cdap.testinfra;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.smtp.SmtpServer;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;

import java.util.List;

/**
 * GreenMail: SMTP accepting any recipient, and IMAP where each recipient's mailbox is readable with
 * login and password equal to the address. Its ports are chosen once and kept across
 * {@link #stop()} / {@link #start()}, so a test can take SMTP down and bring it back where the
 * application expects it.
 */
public final class MailServer implements AutoCloseable {
    private final int smtpPort;
    private final int imapPort;
    private GreenMail greenMail;
    /** The SMTP server that replaced GreenMail's own after {@link #stopSmtp()} / {@link #startSmtp()}. */
    private SmtpServer restartedSmtp;

    MailServer() {
        this(FreePorts.next(), FreePorts.next());
    }

    /** A mail server on the given ports, e.g. the local stack's fixed ones. */
    public MailServer(int smtpPort, int imapPort) {
        this.smtpPort = smtpPort;
        this.imapPort = imapPort;
        start();
    }

    public int smtpPort() {
        return smtpPort;
    }

    public int imapPort() {
        return imapPort;
    }

    public synchronized void start() {
        if (greenMail != null) {
            return;
        }
        var servers = new ServerSetup[] {
                new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
                new ServerSetup(imapPort, "127.0.0.1", ServerSetup.PROTOCOL_IMAP)};
        greenMail = new GreenMail(servers);
        greenMail.withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
        greenMail.start();
    }

    /** Takes SMTP down only: IMAP and the mailboxes stay, so what was received can still be read. */
    public synchronized void stopSmtp() {
        if (restartedSmtp != null) {
            restartedSmtp.stopService();
            restartedSmtp = null;
        } else if (greenMail != null && greenMail.getSmtp() != null && greenMail.getSmtp().isRunning()) {
            greenMail.getSmtp().stopService();
        }
    }

    /** Brings SMTP back on its port after {@link #stopSmtp()}, delivering into the same mailboxes. */
    public synchronized void startSmtp() {
        if (greenMail == null || restartedSmtp != null || greenMail.getSmtp().isRunning()) {
            return;
        }
        restartedSmtp = new SmtpServer(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
                greenMail.getManagers());
        restartedSmtp.startService();
        try {
            restartedSmtp.waitTillRunning(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Takes SMTP and IMAP down; messages received so far are dropped. */
    public synchronized void stop() {
        if (restartedSmtp != null) {
            restartedSmtp.stopService();
            restartedSmtp = null;
        }
        if (greenMail != null) {
            greenMail.stop();
            greenMail = null;
        }
    }

    public synchronized boolean isRunning() {
        return greenMail != null;
    }

    /** Every message received since the server (re)started. */
    public synchronized List<MimeMessage> received() {
        return greenMail == null ? List.of() : List.of(greenMail.getReceivedMessages());
    }

    /** Messages received for one recipient. */
    public synchronized List<MimeMessage> receivedFor(String address) {
        return greenMail == null ? List.of() : List.of(greenMail.getReceivedMessagesForDomain(address));
    }

    public synchronized void purge() {
        if (greenMail != null) {
            try {
                greenMail.purgeEmailFromAllMailboxes();
            } catch (Exception e) {
                throw new IllegalStateException("could not purge the mailboxes", e);
            }
        }
    }

    @Override
    public void close() {
        stop();
    }
}
