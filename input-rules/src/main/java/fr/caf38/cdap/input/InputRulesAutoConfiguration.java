package fr.caf38.cdap.input;

import fr.caf38.cdap.input.web.NoSniffFilter;
import fr.caf38.cdap.input.web.ProblemJsonErrorReportValve;
import fr.caf38.cdap.input.web.QueryControlCharacterFilter;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.startup.Tomcat;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * What every service gets from this module: the strict reader as a bean, {@code nosniff} on every
 * answer, control characters refused in query parameters before the sign-in and the store, and the
 * container's own errors in the services' forms (problem+json for the APIs, French HTML for pages).
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class InputRulesAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    StrictJsonReader strictJsonReader() {
        return new StrictJsonReader();
    }

    @Bean
    FilterRegistrationBean<NoSniffFilter> noSniffFilter() {
        FilterRegistrationBean<NoSniffFilter> registration = new FilterRegistrationBean<>(new NoSniffFilter());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    /** Before Spring Security (-100) and everything that may read the store. */
    @Bean
    FilterRegistrationBean<QueryControlCharacterFilter> queryControlCharacterFilter() {
        FilterRegistrationBean<QueryControlCharacterFilter> registration =
                new FilterRegistrationBean<>(new QueryControlCharacterFilter());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        return registration;
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass({Tomcat.class, TomcatServletWebServerFactory.class})
    static class ContainerErrors {
        @Bean
        WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemJsonErrorReports() {
            return factory -> factory.addContextCustomizers(context -> {
                if (context.getParent() instanceof StandardHost host) {
                    host.setErrorReportValveClass(ProblemJsonErrorReportValve.class.getName());
                }
            });
        }
    }
}
