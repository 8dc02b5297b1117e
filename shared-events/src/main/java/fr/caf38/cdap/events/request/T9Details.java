package fr.caf38.cdap.events.request;

import fr.caf38.cdap.events.value.Measure;

import java.util.List;

/** Profile T9 (mesures de protection des majeurs et de l'enfance): the measures exercised. */
public record T9Details(List<Measure> measures) {
    public T9Details {
        measures = measures == null ? List.of() : List.copyOf(measures);
    }
}
