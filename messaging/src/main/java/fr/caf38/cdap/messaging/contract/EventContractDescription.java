package fr.caf38.cdap.messaging.contract;

import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Duration;

/** {@code GET /asyncapi.yaml}: shared-events' {@code asyncapi.yaml}, as YAML. */
@RestController
public class EventContractDescription {
    public static final String PATH = "/asyncapi.yaml";
    private static final MediaType YAML = MediaType.parseMediaType("application/yaml");
    private final Resource description = new ClassPathResource("asyncapi.yaml");

    @GetMapping(PATH)
    ResponseEntity<Resource> description() {
        return ResponseEntity.ok().contentType(YAML).cacheControl(CacheControl.maxAge(Duration.ofMinutes(5)))
                .body(description);
    }
}
