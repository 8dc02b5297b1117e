package fr.caf38.cdap.eligibility.decision;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the rules' decision ({@code cdap.eligibility.*}; the registry's are under
 * {@code cdap.eligibility.registry}).
 *
 * @param autoApprove with {@code false}, a request the rules would approve goes to an agent
 *                    ({@code AGENT_CONFIRMATION_REQUIRED}) instead
 */
@ConfigurationProperties("cdap.eligibility")
public record EligibilityProperties(@DefaultValue("true") boolean autoApprove) {
}
