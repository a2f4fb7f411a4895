package dev.statelab;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class StatelabApplication {

    public static void main(String[] args) {
        SpringApplication.run(StatelabApplication.class, args);
    }
}
