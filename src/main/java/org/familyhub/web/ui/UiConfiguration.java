package org.familyhub.web.ui;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The GOV.UK Design System comes from its webjar ({@code /webjars/govuk-frontend/...}); its stylesheet asks for fonts
 * and images under {@code /assets/}, so that path is served from the same webjar.
 */
@Configuration
public class UiConfiguration implements WebMvcConfigurer {

    /** Keep in step with {@code govuk-frontend.version} in pom.xml ({@code GovukFrontendTest} checks it is there). */
    public static final String GOVUK_FRONTEND_VERSION = "5.14.0";
    public static final String GOVUK_DIST = "META-INF/resources/webjars/govuk-frontend/" + GOVUK_FRONTEND_VERSION + "/dist/govuk/";

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        registry.addResourceHandler("/assets/**").addResourceLocations("classpath:/" + GOVUK_DIST + "assets/");
        registry.addResourceHandler("/favicon.ico").addResourceLocations("classpath:/" + GOVUK_DIST + "assets/images/");
    }
}
