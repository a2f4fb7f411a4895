package dev.statelab.web;

import dev.statelab.files.FileStoreProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/** Tells a newcomer, once the service is up, where to go. */
@Component
class StartupInfo {

    private static final Logger log = LoggerFactory.getLogger(StartupInfo.class);

    private final Environment environment;
    private final FileStoreProperties storage;

    StartupInfo(Environment environment, FileStoreProperties storage) {
        this.environment = environment;
        this.storage = storage;
    }

    @EventListener(ApplicationReadyEvent.class)
    void ready() {
        String base = "http://localhost:" + environment.getProperty("local.server.port", "8080");
        log.info("statelab is ready at {}/ - Swagger UI: {}/swagger-ui.html - files under {}",
                base, base, storage.root().toAbsolutePath().normalize());
    }
}
