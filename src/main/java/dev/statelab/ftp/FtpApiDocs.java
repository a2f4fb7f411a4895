package dev.statelab.ftp;

import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What annotations cannot say in the API description: RETR's 200 is the file's bytes with the reply in a
 * header, although its controller's other commands answer JSON with 200 (a class-level response
 * replaces a method's own response of the same status).
 */
@Configuration(proxyBeanMethods = false)
class FtpApiDocs {

    @Bean
    OperationCustomizer ftpDownloadResponse() {
        return (operation, handler) -> {
            if (handler.getBeanType() == CommandEndpointsController.class && handler.getMethod().getName().equals("retr")) {
                operation.getResponses().addApiResponse("200", new ApiResponse()
                        .description("The file's bytes (from a pending REST offset; TYPE A sends CRLF line endings)")
                        .content(new Content().addMediaType(org.springframework.http.MediaType.APPLICATION_OCTET_STREAM_VALUE,
                                new MediaType().schema(new StringSchema().format("binary"))))
                        .addHeaderObject(FtpResponses.REPLY_HEADER, new Header()
                                .description("The FTP reply, e.g. 226 Transfer complete").schema(new StringSchema())));
            }
            return operation;
        };
    }
}
