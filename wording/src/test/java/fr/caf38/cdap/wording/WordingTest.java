package fr.caf38.cdap.wording;

import fr.caf38.cdap.events.value.DecidedBy;
import fr.caf38.cdap.events.value.DecisionStatus;
import fr.caf38.cdap.events.value.FindingLevel;
import fr.caf38.cdap.events.value.Measure;
import fr.caf38.cdap.events.value.NotificationKind;
import fr.caf38.cdap.events.value.OrganisationType;
import fr.caf38.cdap.events.value.Profile;
import fr.caf38.cdap.events.value.StaffRole;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WordingTest {
    /**
     * Every enum shown to people, with the roles each value is shown in ("" = its name). A value
     * added to one of these enums without its text fails here, not on a page.
     */
    private static final Map<Class<? extends Enum<?>>, List<String>> SHOWN = new LinkedHashMap<>();

    static {
        SHOWN.put(Profile.class, List.of(""));
        SHOWN.put(OrganisationType.class, List.of(""));
        SHOWN.put(StaffRole.class, List.of(""));
        SHOWN.put(Measure.class, List.of("", "inSentence"));
        SHOWN.put(DecisionStatus.class, List.of("", "explanation", "timeline"));
        SHOWN.put(DecidedBy.class, List.of(""));
        SHOWN.put(FindingLevel.class, List.of(""));
        SHOWN.put(NotificationKind.class, List.of("timeline"));
    }

    /** The statuses an agent can choose in a review (UNDER_REVIEW is where the request already is). */
    private static final Set<DecisionStatus> REVIEW_CHOICES =
            EnumSet.of(DecisionStatus.APPROVED, DecisionStatus.REJECTED, DecisionStatus.REDIRECTED_TO_CAFPRO,
                    DecisionStatus.CHANGES_REQUESTED);

    private static List<String> requiredKeys() {
        List<String> keys = new ArrayList<>();
        SHOWN.forEach((type, roles) -> {
            for (Enum<?> value : type.getEnumConstants()) {
                roles.forEach(role -> keys.add(Wording.key(value) + (role.isEmpty() ? "" : "." + role)));
            }
        });
        REVIEW_CHOICES.forEach(status -> {
            keys.add(Wording.key(status) + ".choice");
            keys.add(Wording.key(status) + ".choiceHint");
        });
        keys.add(Wording.key(Profile.OTHER) + ".short");
        for (FindingCode code : FindingCode.values()) {
            keys.add("finding." + code.name());
            keys.add("finding." + code.name() + ".short");
        }
        return keys;
    }

    @Test
    void everyValueShownToPeopleAndEveryFindingCodeHasItsText() {
        assertThat(requiredKeys()).allSatisfy(key -> assertThat(Wording.has(key)).as(key).isTrue());
        for (FindingCode code : FindingCode.values()) {
            assertThat(Wording.findingShort(code)).isNotBlank();
        }
    }

    @Test
    void noTextIsBlank() {
        assertThat(Wording.keys()).allSatisfy(key -> assertThat(Wording.unfilled(key)).as(key).isNotBlank());
    }

    /**
     * A key is used when it is one of the required keys, or when main code or a template of some
     * module names it literally ({@code "yes"}, {@code 'finding.X.several'}). Anything else is a text
     * nobody reads any more.
     */
    @Test
    void everyTextOfTheBundleIsUsed() {
        String sources = mainSources();
        Set<String> required = Set.copyOf(requiredKeys());
        Set<String> unused = new TreeSet<>();
        for (String key : Wording.keys()) {
            if (!required.contains(key) && !sources.contains("\"" + key + "\"") && !sources.contains("'" + key + "'")
                    && !isACodeOfTheSources(key, sources)) {
                unused.add(key);
            }
        }
        assertThat(unused).as("keys of wording.properties that no main code or template uses").isEmpty();
    }

    @Test
    void fillsPlaceholdersWithoutQuotingRules() {
        assertThat(Wording.finding(FindingCode.SIRET_UNKNOWN, "73282932000074"))
                .isEqualTo("Le numéro SIRET 73282932000074 est inconnu du répertoire Sirene de l'Insee : "
                        + "vérifiez-le, puis faites une nouvelle demande.");
        assertThat(Wording.text("age.days", 3)).isEqualTo("il y a 3 jours");
        assertThat(Wording.finding(FindingCode.T2_SUBSIDISED, "$1 \\ {0}")).contains("(référence $1 \\ {0})");
    }

    @Test
    void onlyBracesAroundDigitsArePlaceholdersAndEachMayComeTwiceInAnyOrder() {
        assertThat(Wording.fill("{1} puis {0}, encore {1}", "a", "b")).isEqualTo("b puis a, encore b");
        assertThat(Wording.fill("{} {x} {12a} { 0} {0", "a")).isEqualTo("{} {x} {12a} { 0} {0");
        assertThat(Wording.fill("{{0}}", "a")).isEqualTo("{a}");
        assertThat(Wording.fill("{0}", (Object) null)).isEqualTo("null");
        assertThat(Wording.fill("sans valeur")).isEqualTo("sans valeur");
        assertThatThrownBy(() -> Wording.fill("{0} et {1}", "a")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("No value for {1}");
    }

    @Test
    void joinsListsTheFrenchWay() {
        assertThat(Wording.enumerate(List.of())).isEmpty();
        assertThat(Wording.enumerate(List.of("73"))).isEqualTo("73");
        assertThat(Wording.enumerate(List.of("73", "74"))).isEqualTo("73 et 74");
        assertThat(Wording.enumerate(List.of("01", "73", "74"))).isEqualTo("01, 73 et 74");
    }

    @Test
    void namesValuesWithTheWordsOfThePaperForm() {
        assertThat(Wording.of(Profile.T4)).isEqualTo("T4 – Services instructeurs Rsa");
        assertThat(Wording.of(Profile.OTHER)).isEqualTo("Autre profil (relève de Cafpro)");
        assertThat(Wording.of(OrganisationType.HEALTH_OR_MEDICO_SOCIAL_FACILITY)).contains("établissement de soins");
        assertThat(Wording.of(DecisionStatus.APPROVED, "timeline")).isEqualTo("Décision : demande acceptée");
        assertThat(Wording.yesNo(true)).isEqualTo("Oui");
    }

    @Test
    void aMissingTextIsAnErrorNotARawKey() {
        assertThatThrownBy(() -> Wording.text("nothing.here")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nothing.here");
        assertThatThrownBy(() -> Wording.finding(FindingCode.SIRET_UNKNOWN))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("{0}");
    }

    /**
     * The texts of a service's codes are read through their enum ({@code ErrorCode}, the problems'
     * {@code ProblemKind}s): {@code <Enum>.<CODE>}, {@code .title} or {@code .detail} is used when some
     * main code declares that enum with that constant, {@code .detail.<case>} when it also names the case.
     */
    private static boolean isACodeOfTheSources(String key, String sources) {
        Matcher m = Pattern.compile("(\\w+(?:Problem|Code))\\.([A-Z_]+)(?:\\.(?:title|detail)(?:\\.(\\w+))?)?")
                .matcher(key);
        return m.matches() && sources.contains("enum " + m.group(1) + " ")
                && Pattern.compile("\\n    " + m.group(2) + "[,;(\\n]").matcher(sources).find()
                && (m.group(3) == null || sources.contains("\"" + m.group(3) + "\""));
    }

    /** The main Java code and templates of every module of the build, read as one text. */
    private static String mainSources() {
        Path root = Path.of("..").toAbsolutePath().normalize();
        StringBuilder all = new StringBuilder();
        try (Stream<Path> modules = Files.list(root)) {
            for (Path main : modules.map(m -> m.resolve("src/main")).filter(Files::isDirectory).toList()) {
                try (Stream<Path> files = Files.walk(main)) {
                    for (Path file : files.filter(f -> f.toString().endsWith(".java") || f.toString().endsWith(".html")
                            || f.toString().endsWith(".txt")).toList()) {
                        all.append(Files.readString(file)).append('\n');
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(all).as("main sources of the build under " + root).contains("class Wording");
        return all.toString();
    }
}
