package fr.caf38.cdap.eligibility.decision;

import fr.caf38.cdap.events.value.DepartmentCode;
import fr.caf38.cdap.events.value.Siret;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.convert.converter.Converter;
import org.springframework.data.convert.ReadingConverter;
import org.springframework.data.convert.WritingConverter;
import org.springframework.data.mongodb.core.convert.MongoCustomConversions;

import java.util.List;

/** Stores SIRETs and département codes as the plain strings they are on the wire, so queries can use them. */
@Configuration(proxyBeanMethods = false)
class StoreConfiguration {

    @Bean
    MongoCustomConversions mongoCustomConversions() {
        return new MongoCustomConversions(List.of(
                new SiretWriter(), new SiretReader(), new DepartmentWriter(), new DepartmentReader()));
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
            return new Siret(source);
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
            return new DepartmentCode(source);
        }
    }
}
