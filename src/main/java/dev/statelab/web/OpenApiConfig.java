package dev.statelab.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The API description behind Swagger UI, with the three ways to authenticate. */
@Configuration(proxyBeanMethods = false)
public class OpenApiConfig {

    public static final String BASIC = "basicAuth";
    public static final String BEARER = "bearerAuth";
    public static final String FTP_TOKEN = "ftpToken";

    @Bean
    OpenAPI statelabOpenApi() {
        return new OpenAPI()
                .info(new Info().title("statelab")
                        .description("""
                                A stateless HTTP file API and a stateful FTP-style API on the same files. \
                                The stateless API (/api/http) takes HTTP Basic or a signed bearer token on every \
                                request; the FTP-style API (/api/ftp) logs in once and sends the session token \
                                in the X-Auth-Token header. Click Authorize to set either.""")
                        .version("1"))
                .components(new Components()
                        .addSecuritySchemes(BASIC, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic"))
                        .addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP)
                                .scheme("bearer").bearerFormat("JWT"))
                        .addSecuritySchemes(FTP_TOKEN, new SecurityScheme().type(SecurityScheme.Type.APIKEY)
                                .in(SecurityScheme.In.HEADER).name("X-Auth-Token")));
    }
}
