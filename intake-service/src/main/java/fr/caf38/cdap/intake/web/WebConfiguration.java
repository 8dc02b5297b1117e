package fr.caf38.cdap.intake.web;

import fr.caf38.cdap.intake.IntakeMetrics;
import fr.caf38.cdap.intake.IntakeProperties;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** The partners' API: rate limit on submissions, and its OpenAPI description. */
@Configuration(proxyBeanMethods = false)
public class WebConfiguration implements WebMvcConfigurer {
    public static final String SUBMISSIONS = "/api/v1/access-requests";
    /** The header that carries a request's tracking token, for reading and amending it. */
    public static final String TRACKING_TOKEN = "X-Tracking-Token";

    private final RateLimitInterceptor rateLimit;

    public WebConfiguration(RateLimitInterceptor rateLimit) {
        this.rateLimit = rateLimit;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(rateLimit).addPathPatterns(SUBMISSIONS);
    }

    @Configuration(proxyBeanMethods = false)
    static class Beans {
        @Bean
        RateLimitInterceptor rateLimitInterceptor(IntakeProperties properties, IntakeMetrics metrics) {
            return new RateLimitInterceptor(properties.rateLimit(), metrics);
        }

        @Bean
        OpenAPI intakeOpenApi() {
            return new OpenAPI().info(new Info().title("Cdap – demandes d'accès (intake)").version("v1")
                    .description("Dépôt d'une demande d'accès au service Cdap de Mon Compte Partenaire, "
                            + "et suivi de son traitement avec le jeton reçu au dépôt."));
        }
    }
}
