package fr.caf38.cdap.intake.validation;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class PhoneNumbersTest {
    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    private final PhoneNumbers phones = new PhoneNumbers();

    /** libphonenumber's own example number of every region and kind, as a partner would type it. */
    static Stream<Arguments> examples() {
        return PhoneNumbers.REGIONS.stream().flatMap(region -> Stream.of(PhoneNumberType.FIXED_LINE,
                PhoneNumberType.MOBILE).map(type -> UTIL.getExampleNumberForType(region, type))
                .map(number -> Arguments.of(UTIL.format(number, PhoneNumberFormat.NATIONAL),
                        UTIL.format(number, PhoneNumberFormat.INTERNATIONAL),
                        UTIL.format(number, PhoneNumberFormat.E164))));
    }

    @ParameterizedTest(name = "{0} / {1} -> {2}")
    @MethodSource("examples")
    void nationalAndInternationalFormsOfEveryRegionGiveTheirOwnCountryCode(String national, String international,
                                                                          String e164) {
        assertThat(phones.toE164(national)).contains(e164);
        assertThat(phones.toE164(international)).contains(e164);
        assertThat(phones.toE164(e164)).contains(e164);
    }
}
