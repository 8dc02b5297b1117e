package fr.caf38.cdap.testinfra;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/** Skips cleanly when the requested infrastructure cannot exist here; resolves {@link TestInfrastructure}. */
public class InfrastructureExtension implements ExecutionCondition, ParameterResolver {

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        String unavailable = InfrastructureMode.current().unavailableReason();
        return unavailable == null
                ? ConditionEvaluationResult.enabled("infrastructure: " + InfrastructureMode.current())
                : ConditionEvaluationResult.disabled(unavailable);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == TestInfrastructure.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return TestInfrastructure.get();
    }
}
