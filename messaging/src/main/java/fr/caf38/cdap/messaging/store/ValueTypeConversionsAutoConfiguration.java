package fr.caf38.cdap.messaging.store;

import fr.caf38.cdap.events.value.DepartmentCode;
import fr.caf38.cdap.events.value.Siret;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.convert.converter.Converter;
import org.springframework.data.convert.ReadingConverter;
import org.springframework.data.convert.WritingConverter;
import org.springframework.data.mongodb.core.convert.MongoCustomConversions;

import java.util.List;

/**
 * Stores the contract's value types as the plain text they are on the wire ({@code "38"},
 * {@code "73282932000074"}), so documents read naturally and queries can match them.
 */
@AutoConfiguration(beforeName = "org.springframework.boot.data.mongodb.autoconfigure.DataMongoAutoConfiguration")
@ConditionalOnClass(MongoCustomConversions.class)
public class ValueTypeConversionsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    MongoCustomConversions mongoCustomConversions() {
        return new MongoCustomConversions(List.of(new SiretWriter(), new SiretReader(), new DepartmentWriter(),
                new DepartmentReader()));
    }

    @WritingConverter
    static final class SiretWriter implements Converter<Siret, String> {
        @Override
        public String convert(Siret source) {
            return source.value();
        }
    }

    @ReadingConverter
    static final class SiretReader implements Converter<String, Siret> {
        @Override
        public Siret convert(String source) {
            return Siret.parse(source);
        }
    }

    @WritingConverter
    static final class DepartmentWriter implements Converter<DepartmentCode, String> {
        @Override
        public String convert(DepartmentCode source) {
            return source.value();
        }
    }

    @ReadingConverter
    static final class DepartmentReader implements Converter<String, DepartmentCode> {
        @Override
        public DepartmentCode convert(String source) {
            return DepartmentCode.of(source);
        }
    }
}
