package dev.statelab.compare;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;

import dev.statelab.traffic.TrafficMeters;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * The live figures of the compare page in one small JSON object, read from the same meters that
 * {@code /actuator/metrics} and {@code /actuator/prometheus} show.
 */
@Component
public class TrafficSummary {

    private final MeterRegistry registry;

    public TrafficSummary(MeterRegistry registry) {
        this.registry = registry;
    }

    public Map<String, Object> summary() {
        Map<String, Object> summary = new LinkedHashMap<>();
        Map<String, Map<String, Double>> apis = new TreeMap<>();
        for (Meter meter : registry.find(TrafficMeters.REQUESTS).meters()) {
            if (meter instanceof Counter counter) {
                apis.computeIfAbsent(meter.getId().getTag("api"), k -> new LinkedHashMap<>()).put("requests", counter.count());
            }
        }
        for (Meter meter : registry.find(TrafficMeters.BYTES).meters()) {
            if (meter instanceof Counter counter) {
                apis.computeIfAbsent(meter.getId().getTag("api"), k -> new LinkedHashMap<>())
                        .put("bytes" + capitalized(meter.getId().getTag("direction")), counter.count());
            }
        }
        summary.put("apis", apis);
        Map<String, Object> ftp = new LinkedHashMap<>();
        ftp.put("sessionsActive", gauge("statelab.ftp.sessions.active"));
        ftp.put("sessionStateBytes", gauge("statelab.ftp.session.state.bytes"));
        summary.put("ftp", ftp);
        Map<String, Object> relay = new LinkedHashMap<>();
        relay.put("connections", gauge("statelab.relay.connections"));
        relay.put("rooms", gauge("statelab.relay.rooms"));
        summary.put("relay", relay);
        Map<String, Map<String, Object>> auth = new TreeMap<>();
        for (Timer timer : registry.find(TrafficMeters.AUTH_CHECKS).timers()) {
            String kind = timer.getId().getTag("kind");
            Map<String, Object> figures = auth.computeIfAbsent(kind, k -> new LinkedHashMap<>());
            long count = timer.count() + ((Number) figures.getOrDefault("count", 0L)).longValue();
            double total = timer.totalTime(TimeUnit.MILLISECONDS) + ((Number) figures.getOrDefault("totalMillis", 0.0)).doubleValue();
            figures.put("count", count);
            figures.put("totalMillis", total);
            figures.put("meanMillis", count == 0 ? 0.0 : Math.round(total / count * 1000) / 1000.0);
            figures.put("maxMillis", Math.max(timer.max(TimeUnit.MILLISECONDS), ((Number) figures.getOrDefault("maxMillis", 0.0)).doubleValue()));
        }
        summary.put("authChecks", auth);
        return summary;
    }

    private Double gauge(String name) {
        List<Double> values = registry.find(name).meters().stream()
                .flatMap(m -> StreamSupport.stream(m.measure().spliterator(), false))
                .map(measurement -> measurement.getValue()).toList();
        return values.stream().mapToDouble(Double::doubleValue).sum();
    }

    private static String capitalized(@Nullable String text) {
        return text == null || text.isEmpty() ? "" : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
