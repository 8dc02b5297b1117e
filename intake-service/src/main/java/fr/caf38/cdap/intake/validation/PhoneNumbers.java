package fr.caf38.cdap.intake.validation;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

import java.util.List;
import java.util.Optional;

/**
 * French phone numbers, metropolitan and overseas, in national or international form, to E.164.
 *
 * <p>A national number only makes sense with its region: {@code 0692 12 34 56} is +262 692… (La
 * Réunion), not +33 692…. The overseas regions are tried before metropolitan France because
 * libphonenumber also calls some overseas numbers valid under FR ({@code 0596…} of Martinique and
 * {@code 0269…} of Mayotte come out as {@code +33596…} and {@code +33269…}); no metropolitan number is
 * valid in an overseas region, so this order loses nothing. A number must be valid for the region
 * it is parsed with, which also refuses foreign numbers in international form ({@code +44…}).
 */
public final class PhoneNumbers {
    /** Guadeloupe, Martinique, Guyane, La Réunion, Mayotte, then metropolitan France. */
    static final List<String> REGIONS = List.of("GP", "MQ", "GF", "RE", "YT", "FR");
    private static final int MAX_INPUT = 40;

    private final PhoneNumberUtil util = PhoneNumberUtil.getInstance();

    /** The number in E.164 ({@code +33476000000}), or empty when it is not a valid French number. */
    public Optional<String> toE164(String raw) {
        if (raw == null || raw.isBlank() || raw.length() > MAX_INPUT) {
            return Optional.empty();
        }
        for (String region : REGIONS) {
            try {
                PhoneNumber number = util.parse(raw, region);
                if (util.isValidNumberForRegion(number, region)) {
                    return Optional.of(util.format(number, PhoneNumberUtil.PhoneNumberFormat.E164));
                }
            } catch (NumberParseException notANumberHere) {
                // tried with the next region; the last one failing too means it is not a French number
            }
        }
        return Optional.empty();
    }
}
