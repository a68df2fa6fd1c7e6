package dev.custintel.examples.cli;

import dev.custintel.examples.cli.CommandModels.ArgModel;
import dev.custintel.examples.cli.CommandModels.PlainArg;
import dev.custintel.examples.cli.CommandModels.PlainModel;
import java.lang.reflect.Field;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.ITypeConverter;

/**
 * Parses the plain command line of a {@link FileCommand} from the model the build copied ({@link CommandModels}),
 * without picocli (issue 17). Building picocli's run-time model cost about 35 ms of a cold {@code affinity mine}
 * (some 230 ms on a machine whose bare JVM starts in 100 ms): its type converters, help and colour schemes, the
 * parser, most of which only a usage error or a help request needs.
 *
 * <p>A line is plain when every word after the command's name is a long option it has, as {@code --name value} or
 * {@code --name=value}, or a flag as {@code --name}; every single-valued option given at most once; a value not
 * empty and beginning neither with {@code -} (but {@code -} itself, standard input) nor with {@code @} (picocli's
 * argument files); every required option given; and every value and default converted without error by what picocli
 * would convert it with: the option's own converter, else {@code Double.valueOf}, {@code Integer.valueOf},
 * {@code Long.valueOf} or {@code Path.of}, as picocli's built-in converters do. Anything else (help, a short
 * option, {@code --}, a positional word, an unknown option, a bad value, an option kind this class does not know, a
 * system property of picocli's) is left to picocli, which parses it or says what is wrong exactly as before: this
 * class only ever takes the lines that picocli would accept, and sets the same fields to the same values ({@code PlainCommandLineTest} checks both
 * against picocli for every option of every command here). Not API.
 */
final class PlainCommandLine {
  /** The command paths parsed here: the commands that read a file and need no database. */
  private static final Set<String> PATHS = Set.of("affinity mine", "clv fit", "clv score");

  private PlainCommandLine() {}

  /**
   * @param args the program's command line
   * @return the command it names with its fields set, or null when picocli must parse it
   */
  static @Nullable FileCommand parse(String... args) {
    if (args.length < 2 || !PATHS.contains(args[0] + " " + args[1]) || picocliSettings()) {
      return null;
    }
    PlainModel model = CommandModels.plainModel(args[0] + " " + args[1]);
    if (model == null) {
      return null;
    }
    try {
      return parse(model, args);
    } catch (Exception e) { // a converter's refusal, or a model this class cannot follow: picocli's to report
      return null;
    }
  }

  private static @Nullable FileCommand parse(PlainModel model, String[] args) throws Exception {
    if (!(CommandModels.instantiate(model.commandClass()) instanceof FileCommand command)) {
      return null;
    }
    Map<String, Object> mixins = new HashMap<>();
    Map<String, Slot> byName = new HashMap<>();
    List<Slot> slots = new ArrayList<>();
    for (PlainArg arg : model.args()) {
      ArgModel m = arg.model();
      if (!m.option()) {
        return null; // positional parameters are picocli's
      }
      if (m.field().isEmpty()) {
        continue; // the standard help options, which set no field: a line naming one is not plain
      }
      Object target = command;
      if (!arg.mixinField().isEmpty()) {
        Object mixin = mixins.get(arg.mixinField());
        if (mixin == null) {
          mixin = CommandModels.instantiate(arg.mixinClass());
          CommandModels.field(command.getClass(), arg.mixinField()).set(command, mixin);
          mixins.put(arg.mixinField(), mixin);
        }
        target = mixin;
      }
      Slot slot = new Slot(m, CommandModels.field(target.getClass(), m.field()), target);
      slots.add(slot);
      for (String name : m.names()) {
        byName.put(name, slot);
      }
    }

    Map<Slot, Boolean> given = new IdentityHashMap<>();
    for (int i = 2; i < args.length; i++) {
      String word = args[i];
      if (!word.startsWith("--") || word.equals("--")) {
        return null;
      }
      int equals = word.indexOf('=');
      Slot slot = byName.get(equals < 0 ? word : word.substring(0, equals));
      if (slot == null || slot.kind == Kind.OTHER) {
        return null;
      }
      boolean again = given.put(slot, Boolean.TRUE) != null;
      if (slot.kind == Kind.FLAG) {
        if (equals >= 0 || again) {
          return null;
        }
        slot.set(Boolean.TRUE);
        continue;
      }
      String value;
      if (equals >= 0) {
        value = word.substring(equals + 1);
      } else if (i + 1 < args.length) {
        value = args[++i];
      } else {
        return null;
      }
      if (!plainValue(value) || (again && slot.kind == Kind.SINGLE)) {
        return null;
      }
      slot.take(value);
    }
    for (Slot slot : slots) {
      if (given.containsKey(slot)) {
        continue;
      }
      if (slot.model.required()) {
        return null;
      }
      String defaultValue = slot.model.defaultValue();
      if (defaultValue != null) {
        if (slot.kind != Kind.SINGLE) {
          return null;
        }
        slot.take(defaultValue);
      }
    }
    return command;
  }

  /**
   * Whether a system property of picocli's is set ({@code picocli.trimQuotes}, {@code picocli.useSimplifiedAtFiles}
   * and the like, through {@code CUSTINTEL_JAVA_OPTS}): such a run may parse differently, and is left to picocli.
   */
  private static boolean picocliSettings() {
    for (String name : System.getProperties().stringPropertyNames()) {
      if (name.startsWith("picocli.")) {
        return true;
      }
    }
    return false;
  }

  /** Whether picocli takes the word for a value without a second look: not empty, not like an option, no @file. */
  private static boolean plainValue(String value) {
    return !value.isEmpty() && !(value.startsWith("-") && !value.equals("-")) && !value.startsWith("@");
  }

  private enum Kind {
    /** A boolean option without a value, false until given. */
    FLAG,
    /** One value of a type picocli's built-in converters or the option's own converter make. */
    SINGLE,
    /** A list of strings, one per occurrence. */
    STRINGS,
    /** Anything else: a line that names it is left to picocli. */
    OTHER
  }

  /** An option's field on its command or mixin, and how a value goes into it. */
  private static final class Slot {
    final ArgModel model;
    final Field field;
    final Object target;
    final Kind kind;

    Slot(ArgModel model, Field field, Object target) throws IllegalAccessException {
      this.model = model;
      this.field = field;
      this.target = target;
      this.kind = kindOf(model, field.get(target));
    }

    private static Kind kindOf(ArgModel m, @Nullable Object initialValue) {
      String split = m.splitRegex();
      boolean plain = m.arity() == null && (split == null || split.isEmpty()) && !m.interactive() && !m.negatable();
      if (!plain) {
        return Kind.OTHER;
      }
      String type = m.type();
      if (type.equals("boolean") || type.equals("java.lang.Boolean")) {
        // A flag that starts true would be set false by picocli; a default is picocli's to apply.
        return m.defaultValue() == null && !Boolean.TRUE.equals(initialValue) ? Kind.FLAG : Kind.OTHER;
      }
      if (type.equals("java.util.List")) {
        return m.converters().length == 0 && m.auxiliaryTypes().length == 1
            && m.auxiliaryTypes()[0].equals("java.lang.String") && initialValue instanceof List<?> list
            && list.isEmpty() ? Kind.STRINGS : Kind.OTHER;
      }
      if (m.converters().length == 1) {
        return Kind.SINGLE;
      }
      return m.converters().length == 0 && builtIn(type) ? Kind.SINGLE : Kind.OTHER;
    }

    private static boolean builtIn(String type) {
      return switch (type) {
        case "java.lang.String", "java.nio.file.Path", "double", "java.lang.Double", "int", "java.lang.Integer",
            "long", "java.lang.Long" -> true;
        default -> false;
      };
    }

    void take(String value) throws Exception {
      if (kind == Kind.STRINGS) {
        @SuppressWarnings("unchecked")
        List<String> values = (List<String>) field.get(target);
        values.add(value);
      } else {
        set(convert(value));
      }
    }

    void set(Object value) throws IllegalAccessException {
      field.set(target, value);
    }

    private Object convert(String value) throws Exception {
      if (model.converters().length == 1) {
        ITypeConverter<?> converter = (ITypeConverter<?>) CommandModels.instantiate(model.converters()[0]);
        Object converted = converter.convert(value);
        if (converted == null) {
          throw new IllegalArgumentException("no value"); // picocli's to judge
        }
        return converted;
      }
      return switch (model.type()) {
        case "java.nio.file.Path" -> Path.of(value);
        case "double", "java.lang.Double" -> Double.valueOf(value);
        case "int", "java.lang.Integer" -> Integer.valueOf(value);
        case "long", "java.lang.Long" -> Long.valueOf(value);
        default -> value; // java.lang.String (builtIn: nothing else is SINGLE without a converter)
      };
    }
  }
}
