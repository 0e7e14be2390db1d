package dev.prooflane.actions.expr;

import dev.cel.bundle.CelFactory;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import java.util.List;
import java.util.Map;

/**
 * The one CEL environment of skills: variables {@code inputs}, {@code steps}, {@code run}, {@code
 * result} and {@code record} (maps; {@code kafka.expect}'s {@code where:} sees each record), the
 * standard macros ({@code has}, {@code all}, {@code exists}, {@code map}, {@code filter}), numbers
 * compared across int and double, comprehensions bounded.
 */
public final class Cel {
  /** The variables every expression may use. */
  public static final List<String> VARIABLES =
      List.of("inputs", "steps", "run", "result", "record");

  private static final dev.cel.bundle.Cel CEL = build();

  private Cel() {}

  private static dev.cel.bundle.Cel build() {
    var builder =
        CelFactory.standardCelBuilder()
            .setOptions(
                CelOptions.current()
                    .enableHeterogeneousNumericComparisons(true)
                    .comprehensionMaxIterations(10_000)
                    .build())
            .setStandardMacros(CelStandardMacro.STANDARD_MACROS);
    for (String name : VARIABLES) {
      builder.addVar(name, MapType.create(SimpleType.STRING, SimpleType.DYN));
    }
    return builder.build();
  }

  /**
   * Compiles {@code source}; a syntax or type error throws an {@link IllegalArgumentException}
   * whose message points at the column.
   */
  static CelRuntime.Program compile(String source) {
    try {
      CelAbstractSyntaxTree ast = CEL.compile(source).getAst();
      return CEL.createProgram(ast);
    } catch (CelValidationException e) {
      throw new IllegalArgumentException(
          "invalid expression: " + e.getMessage().replace("<input>", "expression"));
    } catch (CelEvaluationException e) {
      throw new IllegalArgumentException("invalid expression: " + e.getMessage());
    }
  }

  static Object eval(CelRuntime.Program program, Map<String, Object> variables)
      throws CelEvaluationException {
    return program.eval(variables);
  }
}
