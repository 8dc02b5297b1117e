package fr.caf38.cdap.intake.pages;

import fr.caf38.cdap.intake.Api;
import jakarta.servlet.http.Cookie;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.UUID;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/** Posts of the request form as a browser sends them: the answers, the CSRF cookie and field, the form's key. */
final class FormPosts {
    private static final SecureRandom RANDOM = new SecureRandom();

    private FormPosts() {
    }

    /** A complete T1 answer, the contract's example as a partner types it in the form. */
    static MultiValueMap<String, String> validT1(String siret) {
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("organisation.legalName", "CCAS de Exempleville");
        form.add("organisation.siret", siret.substring(0, 3) + " " + siret.substring(3, 6) + " "
                + siret.substring(6, 9) + " " + siret.substring(9));
        form.add("organisation.address.line1", "1 rue de l'Exemple");
        form.add("organisation.address.line2", "");
        form.add("organisation.address.postalCode", "38100");
        form.add("organisation.address.city", "Exempleville");
        form.add("organisation.email", "accueil@ccas-exemple.fr");
        form.add("organisation.phone", "04 76 00 00 00");
        form.add("profile", "T1");
        form.add("t1.organisationType", "LOCAL_AUTHORITY");
        form.add("t1.staffRoles", "SOCIAL_WORKER");
        form.add("t2.subsidyReference", "");
        form.add("t4.instructorNumber", "");
        form.add("otherNeed", "");
        form.add("cafproConvention.inOtherDepartment", "non");
        form.add("cafproConvention.departments", "");
        form.add("otherCafAccess.needed", "oui");
        form.add("otherCafAccess.motivation", "Familles suivies résidant en Savoie voisine.");
        form.add("otherCafAccess.departments", "73");
        return form;
    }

    static MultiValueMap<String, String> with(MultiValueMap<String, String> form, String name, String... values) {
        MultiValueMap<String, String> copy = new LinkedMultiValueMap<>(form);
        copy.remove(name);
        for (String value : values) {
            copy.add(name, value);
        }
        return copy;
    }

    static String newCsrfToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String newFormKey() {
        return "formulaire-" + UUID.randomUUID();
    }

    /** The post of a browser that showed the form: the cookie and the hidden fields agree, from a client of its own. */
    static MockHttpServletRequestBuilder submit(MultiValueMap<String, String> form) {
        return submit(form, newFormKey());
    }

    static MockHttpServletRequestBuilder submit(MultiValueMap<String, String> form, String formKey) {
        String token = newCsrfToken();
        return raw(form).cookie(new Cookie(FormCsrf.COOKIE, token)).param(FormCsrf.FIELD, token)
                .param(PartnerFormController.FORM_KEY, formKey).with(Api.anyClient());
    }

    /** A T2 answer declaring a Caf subsidy without its reference: what an agent sends back for changes. */
    static MultiValueMap<String, String> t2WithoutReference(String siret) {
        MultiValueMap<String, String> form = with(validT1(siret), "profile", "T2");
        form = with(form, "t2.receivesCafSocialActionSubsidy", "oui");
        return with(form, "otherCafAccess.needed", "non");
    }

    static String newAmendmentKey() {
        return "modification-" + UUID.randomUUID();
    }

    /** The post of an amendment form as a browser that showed it sends it, the token in the address. */
    static MockHttpServletRequestBuilder amend(UUID requestId, String token, MultiValueMap<String, String> form,
                                               String formKey) {
        String csrf = newCsrfToken();
        return rawAmend(requestId, token, form).cookie(new Cookie(FormCsrf.COOKIE, csrf)).param(FormCsrf.FIELD, csrf)
                .param(PartnerFormController.FORM_KEY, formKey).with(Api.anyClient());
    }

    static MockHttpServletRequestBuilder rawAmend(UUID requestId, String token, MultiValueMap<String, String> form) {
        return post("/suivi/" + requestId + "/modifier?token=" + token)
                .contentType(MediaType.APPLICATION_FORM_URLENCODED).params(form);
    }

    /** The answers alone, with neither cookie nor hidden fields. */
    static MockHttpServletRequestBuilder raw(MultiValueMap<String, String> form) {
        return post("/demande").contentType(MediaType.APPLICATION_FORM_URLENCODED).params(form);
    }
}
