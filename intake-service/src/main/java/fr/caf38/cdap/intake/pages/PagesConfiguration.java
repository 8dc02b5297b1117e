package fr.caf38.cdap.intake.pages;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** The partner's pages: their settings and their headers. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PagesProperties.class)
class PagesConfiguration implements WebMvcConfigurer {

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new PageHeaders()).addPathPatterns(PartnerFormController.FORM,
                PartnerFormController.SUBMIT, PartnerFormController.SUBMIT + "/**", "/suivi/**");
    }
}
