package dev.statelab.files;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Where the files live and how large one upload may be.
 *
 * @param root          the folder that holds every user's home ({@code <root>/<user>/})
 * @param maxUploadSize larger uploads are refused (413) and leave nothing behind
 */
@ConfigurationProperties("statelab.storage")
public record FileStoreProperties(
        @DefaultValue("./data") Path root,
        @DefaultValue("10GB") DataSize maxUploadSize) {
}
