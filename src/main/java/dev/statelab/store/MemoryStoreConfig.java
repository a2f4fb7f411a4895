package dev.statelab.store;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/** {@code statelab.store=memory} (the default): state stays in this process. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = StoreSettings.PROPERTY, havingValue = "memory", matchIfMissing = true)
class MemoryStoreConfig {

    @Bean
    MemoryStores memoryStores(JsonMapper json) {
        return new MemoryStores(json);
    }
}
