package fr.caf38.cdap.intake;

import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import tools.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/** Bodies and requests of the partners' API, as a client would send them. */
public final class Api {
    public static final String SUBMISSIONS = "/api/v1/access-requests";
    public static final JsonMapper JSON = JsonMapper.builder().build();

    private Api() {
    }

    /** The contract's example body, for the given SIRET. */
    public static Map<String, Object> validBody(String siret) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("cafDepartment", "38");
        Map<String, Object> address = new LinkedHashMap<>();
        address.put("line1", "1 rue de l'Exemple");
        address.put("line2", null);
        address.put("postalCode", "38100");
        address.put("city", "Exempleville");
        Map<String, Object> organisation = new LinkedHashMap<>();
        organisation.put("legalName", "CCAS de Exempleville");
        organisation.put("siret", siret);
        organisation.put("address", address);
        organisation.put("email", "accueil@ccas-exemple.fr");
        organisation.put("phone", "04 76 00 00 00");
        body.put("organisation", organisation);
        body.put("profile", "T1");
        body.put("t1", new LinkedHashMap<>(Map.of("organisationType", "LOCAL_AUTHORITY",
                "staffRoles", List.of("SOCIAL_WORKER"))));
        body.put("t2", null);
        body.put("t4", null);
        body.put("t9", null);
        body.put("otherNeed", null);
        body.put("cafproConvention", new LinkedHashMap<>(Map.of("inOtherDepartment", false,
                "departments", List.of())));
        body.put("otherCafAccess", new LinkedHashMap<>(Map.of("needed", true,
                "motivation", "Familles suivies résidant en Savoie voisine.", "departments", List.of("73"))));
        return body;
    }

    /** Sets (or, with {@link #REMOVE}, removes) the value at a dotted path of a body. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> with(Map<String, Object> body, String path, Object value) {
        String[] parts = path.split("\\.");
        Map<String, Object> node = body;
        for (int i = 0; i < parts.length - 1; i++) {
            node = (Map<String, Object>) node.get(parts[i]);
        }
        if (value == REMOVE) {
            node.remove(parts[parts.length - 1]);
        } else {
            node.put(parts[parts.length - 1], value);
        }
        return body;
    }

    public static final Object REMOVE = new Object();

    public static String json(Object body) {
        return JSON.writeValueAsString(body);
    }

    public static MockHttpServletRequestBuilder submit(Object body) {
        return submitRaw(body instanceof String text ? text : json(body));
    }

    public static MockHttpServletRequestBuilder submitRaw(String json) {
        return post(SUBMISSIONS).contentType(MediaType.APPLICATION_JSON).content(json).with(anyClient());
    }

    public static MockHttpServletRequestBuilder status(String requestId, String token) {
        MockHttpServletRequestBuilder request = get(SUBMISSIONS + "/" + requestId);
        return token == null ? request : request.header("X-Tracking-Token", token);
    }

    /**
     * A client of its own (a random loopback address): the rate limit counts per client, and the tests
     * must not eat each other's allowance.
     */
    public static RequestPostProcessor anyClient() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return client("127." + random.nextInt(1, 255) + "." + random.nextInt(256) + "." + random.nextInt(1, 255));
    }

    public static RequestPostProcessor client(String address) {
        return request -> {
            request.setRemoteAddr(address);
            return request;
        };
    }

    public static Map<String, Object> read(String json) {
        @SuppressWarnings("unchecked")
        Map<String, Object> map = JSON.readValue(json, Map.class);
        return map;
    }

    public static List<String> errorFields(Map<String, Object> problem) {
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> errors = (List<Map<String, Object>>) problem.get("errors");
        List<String> fields = new ArrayList<>();
        errors.forEach(error -> fields.add(error.get("field") + ":" + error.get("code")));
        return fields;
    }
}
