package dev.custintel.examples.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.Visibility;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.IAnnotatedElement;
import picocli.CommandLine.Model.IGetter;
import picocli.CommandLine.Model.ISetter;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.Model.UsageMessageSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * The command models of the CLI, written at build time from the commands' annotations and read at run time without
 * them (issue 17).
 *
 * <p>Picocli builds a command's model by reading its annotations, and Java makes each annotation a dynamic proxy:
 * about 30 ms of a cold {@code affinity mine} (of some 170 ms) went to generating those proxy classes and reading
 * the annotations through them, and a class-data archive cannot hold proxy classes on Java 17. So the build runs
 * {@link #main} after compiling: it builds every command's model the reflective way, exactly as
 * {@link CustintelCli#reflectiveCommandLine(String...)} does, writes what the model says (names, types, converters,
 * descriptions, usage sections, the field each option sets) as the constants of a generated class,
 * {@value #DATA_CLASS}, and compiles it beside the others. A run then builds the same model through picocli's
 * programmatic API from those constants ({@link #commandLine(String...)}). A class rather than a resource: the
 * class comes from the class-data archive with the others, where looking a resource up in the jar opened the jar's
 * 10,000-entry directory, about 10 ms of a cold start.
 *
 * <p>The annotations stay the only source: the class is written from them at every build, and
 * {@code CommandModelsTest} checks, for every command, that the model read back gives the same usage help, the
 * same option attributes and the same parse results as the reflective one. A run that asks for help or the version
 * (which picocli answers from parts of the model this file does not copy), names no command the class holds, or
 * finds the class missing (a build that did not run this step), takes the reflective way. A class left from an
 * earlier build is used as it is: after changing a command outside Maven (an IDE's own build), run
 * {@code mvn process-classes} or delete the class.
 *
 * <p>{@link PlainCommandLine} reads the same models without making any of picocli's objects, to parse the plain
 * command lines of the file commands ({@link #plainModel(String)}). Not API.
 */
final class CommandModels {
  /** The generated class that holds the models, in this package. */
  static final String DATA_CLASS = "CommandModelData";

  /** The layout of a command's model; {@link #DATA_CLASS} says which it was written in. */
  private static final int FORMAT = 2;
  /** The name picocli gives the mixin of {@code mixinStandardHelpOptions}. */
  private static final String STANDARD_HELP = "mixinStandardHelpOptions";

  private CommandModels() {}

  /**
   * Writes {@value #DATA_CLASS}'s source and compiles it (run by the build after compiling).
   *
   * @param args the classes directory, where the class goes, and the directory for its source
   * @throws IOException if it cannot be written or compiled
   */
  public static void main(String[] args) throws IOException {
    if (args.length != 2) {
      throw new IllegalArgumentException("usage: CommandModels CLASSES_DIRECTORY SOURCE_DIRECTORY");
    }
    Path classes = Path.of(args[0]);
    Path source = Path.of(args[1]).resolve(CommandModels.class.getPackageName().replace('.', '/'))
        .resolve(DATA_CLASS + ".java");
    Files.createDirectories(source.getParent());
    Files.writeString(source, dataClassSource(models()), StandardCharsets.UTF_8);
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    if (javac == null) {
      throw new IOException("no Java compiler in " + System.getProperty("java.home") + " (a JDK is needed)");
    }
    int status = javac.run(null, null, null, "--release", "17", "-proc:none", "-encoding", "UTF-8", "-d",
        classes.toString(), source.toString());
    if (status != 0) {
      throw new IOException("javac could not compile " + source + " (exit " + status + ")");
    }
  }

  /**
   * @param models each command path's model
   * @return the source of {@link #DATA_CLASS}: the paths, and each model's bytes as the characters of a string
   *     constant (ISO-8859-1), which a run turns back into bytes with a copy
   */
  static String dataClassSource(Map<String, byte[]> models) {
    StringBuilder java = new StringBuilder()
        .append("package ").append(CommandModels.class.getPackageName()).append(";\n\n")
        .append("/** The CLI's command models, written by CommandModels from the commands' annotations. */\n")
        .append("final class ").append(DATA_CLASS).append(" {\n")
        .append("  private ").append(DATA_CLASS).append("() {}\n\n")
        .append("  static final int FORMAT = ").append(FORMAT).append(";\n\n")
        .append("  static final String[] PATHS = {\n");
    for (String path : models.keySet()) {
      java.append("    \"").append(path).append("\",\n");
    }
    java.append("  };\n\n  static final String[] MODELS = {\n");
    for (Map.Entry<String, byte[]> model : models.entrySet()) {
      java.append("    \"").append(latin1Literal(model.getKey(), model.getValue())).append("\",\n");
    }
    return java.append("  };\n}\n").toString();
  }

  /** The body of a Java string literal whose characters are the bytes, each as ISO-8859-1 reads it. */
  private static String latin1Literal(String path, byte[] bytes) {
    StringBuilder literal = new StringBuilder(bytes.length * 2);
    int classFileBytes = 0; // a class file holds a string constant in modified UTF-8, at most 65,535 bytes
    for (byte b : bytes) {
      int c = b & 0xFF;
      classFileBytes += c >= 1 && c <= 0x7F ? 1 : 2;
      if (c == '"' || c == '\\') {
        literal.append('\\').append((char) c);
      } else if (c >= 0x20 && c < 0x7F) {
        literal.append((char) c);
      } else { // an octal escape of exactly three digits, so that a digit after it is not read into it
        literal.append('\\').append((char) ('0' + (c >> 6))).append((char) ('0' + ((c >> 3) & 7)))
            .append((char) ('0' + (c & 7)));
      }
    }
    if (classFileBytes > 65_535) {
      throw new IllegalStateException("the model of '" + path + "' is too large for a string constant ("
          + classFileBytes + " bytes)");
    }
    return literal.toString();
  }

  /**
   * @return the command paths the models are written for: the root ({@code ""}), every command, and every
   *     subcommand of a group (as {@code "group sub"}); not the {@code help} commands, whose runs take the
   *     reflective way
   */
  static List<String> paths() {
    List<String> paths = new ArrayList<>();
    paths.add("");
    for (String command : CustintelCli.COMMANDS.keySet()) {
      if (command.equals("help")) {
        continue;
      }
      paths.add(command);
      Map<String, Class<?>> subcommands = CustintelCli.GROUPS.get(command);
      if (subcommands != null) {
        for (String sub : subcommands.keySet()) {
          if (!sub.equals("help")) {
            paths.add(command + " " + sub);
          }
        }
      }
    }
    return paths;
  }

  /**
   * The model of every command of {@link #paths()} that can be copied (one with an argument group, an
   * unmatched-arguments field or a parent-command field cannot, and is left out: its runs take the reflective way).
   *
   * @return each command path's model, in the order of {@link #paths()}
   * @throws IOException never (the models are written to memory)
   */
  static Map<String, byte[]> models() throws IOException {
    Map<String, byte[]> models = new LinkedHashMap<>();
    for (String path : paths()) {
      String[] names = path.isEmpty() ? new String[0] : path.split(" ");
      CommandSpec spec = CustintelCli.reflectiveCommandLine(names).getCommandSpec();
      for (String name : names) {
        spec = Objects.requireNonNull(spec.subcommands().get(name), name).getCommandSpec();
      }
      if (copiable(spec)) {
        models.put(path, model(spec));
      }
    }
    return models;
  }

  /**
   * @param spec a command's reflective model
   * @return its copy, as {@link #DATA_CLASS} holds it
   * @throws IOException never (written to memory)
   * @throws IllegalStateException if the command uses what the copy cannot keep: a picocli variable ({@code ${...}})
   *     in a text that picocli hands over interpolated (the copy would keep the build machine's value), a parameter
   *     consumer or preprocessor, an argument not bound to a field, a {@code @Spec} of the mixee
   */
  static byte[] model(CommandSpec spec) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    writeCommand(out, spec);
    out.flush();
    return bytes.toByteArray();
  }

  /**
   * Refuses a picocli variable in an annotation text that the copy takes interpolated (all but the options'
   * descriptions, which it takes raw): {@code ${sys:...}} or {@code ${env:...}} would be resolved on the build
   * machine, once, instead of at every run.
   */
  private static void noVariables(String where, String... texts) {
    for (String text : texts) {
      if (text.contains("${")) {
        throw new IllegalStateException(where + ": a picocli variable in '" + text + "', which CommandModels would"
            + " copy resolved at build time; copy that attribute raw first");
      }
    }
  }

  private static boolean copiable(CommandSpec spec) {
    return spec.argGroups().isEmpty() && spec.unmatchedArgsBindings().isEmpty()
        && spec.parentCommandElements().isEmpty()
        && spec.mixins().values().stream().allMatch(m -> m.argGroups().isEmpty() && m.specElements().isEmpty()
            && m.mixins().isEmpty());
  }

  private static void writeCommand(DataOutputStream out, CommandSpec spec) throws IOException {
    Command command = spec.userObject().getClass().getAnnotation(Command.class);
    if (command != null) {
      noVariables(spec.name(), command.name(), command.headerHeading(), command.synopsisHeading(),
          command.synopsisSubcommandLabel(), command.descriptionHeading(), command.parameterListHeading(),
          command.optionListHeading(), command.commandListHeading(), command.footerHeading(),
          command.exitCodeListHeading());
      for (String[] texts : List.of(command.aliases(), command.header(), command.customSynopsis(),
          command.description(), command.footer(), command.exitCodeList(), command.version())) {
        noVariables(spec.name(), texts);
      }
    }
    out.writeUTF(spec.userObject().getClass().getName());
    out.writeUTF(spec.name());
    writeStrings(out, spec.aliases());
    IVersionProvider versionProvider = spec.versionProvider();
    writeNullable(out, versionProvider == null ? null : versionProvider.getClass().getName());
    // The usage texts with their length before them, so that a reader of the arguments alone skips them.
    ByteArrayOutputStream usage = new ByteArrayOutputStream();
    DataOutputStream usageOut = new DataOutputStream(usage);
    writeUsage(usageOut, spec.usageMessage());
    usageOut.flush();
    out.writeInt(usage.size());
    usage.writeTo(out);
    List<String> specFields = new ArrayList<>();
    for (IAnnotatedElement element : spec.specElements()) {
      Spec annotation = element.getAnnotation(Spec.class);
      if (annotation.value() != Spec.Target.SELF) {
        throw new IllegalStateException(spec.name() + ": a @Spec of another target: " + element.getName());
      }
      specFields.add(element.getName());
    }
    writeStrings(out, specFields.toArray(new String[0]));
    // Which mixin each argument comes from; picocli adds a mixin's arguments together, where its field is.
    Map<ArgSpec, String> owners = new IdentityHashMap<>();
    for (Map.Entry<String, CommandSpec> mixin : spec.mixins().entrySet()) {
      for (ArgSpec arg : mixin.getValue().args()) {
        owners.put(arg, mixin.getKey());
      }
    }
    out.writeInt(spec.args().size());
    for (ArgSpec arg : spec.args()) {
      String owner = owners.getOrDefault(arg, "");
      boolean standardHelp = owner.equals(STANDARD_HELP);
      if (standardHelp || owner.isEmpty()) {
        out.writeUTF("");
      } else {
        out.writeUTF(owner);
        out.writeUTF(Objects.requireNonNull(spec.mixinAnnotatedElements().get(owner), owner).getName());
        out.writeUTF(Objects.requireNonNull(spec.mixins().get(owner), owner).userObject().getClass().getName());
      }
      writeArg(out, arg, standardHelp);
    }
  }

  private static void writeUsage(DataOutputStream out, UsageMessageSpec usage) throws IOException {
    writeNullable(out, usage.headerHeading());
    writeStrings(out, usage.header());
    writeNullable(out, usage.synopsisHeading());
    writeNullable(out, usage.synopsisSubcommandLabel());
    out.writeBoolean(usage.abbreviateSynopsis());
    writeStrings(out, usage.customSynopsis());
    writeNullable(out, usage.descriptionHeading());
    writeStrings(out, usage.description());
    writeNullable(out, usage.parameterListHeading());
    writeNullable(out, usage.optionListHeading());
    out.writeBoolean(usage.sortOptions());
    out.writeBoolean(usage.sortSynopsis());
    out.writeChar(usage.requiredOptionMarker());
    out.writeBoolean(usage.showDefaultValues());
    out.writeBoolean(usage.showAtFileInUsageHelp());
    out.writeBoolean(usage.showEndOfOptionsDelimiterInUsageHelp());
    out.writeBoolean(usage.hidden());
    writeNullable(out, usage.commandListHeading());
    writeNullable(out, usage.exitCodeListHeading());
    Map<String, String> exitCodes = usage.exitCodeList();
    out.writeInt(exitCodes.size());
    for (Map.Entry<String, String> e : exitCodes.entrySet()) {
      out.writeUTF(e.getKey());
      out.writeUTF(e.getValue());
    }
    writeNullable(out, usage.footerHeading());
    writeStrings(out, usage.footer());
  }

  private static void writeArg(DataOutputStream out, ArgSpec arg, boolean standardHelp) throws IOException {
    out.writeBoolean(arg.isOption());
    if (arg instanceof OptionSpec option) {
      // The annotation's names, as picocli's own builder takes them: picocli's help options are named
      // ${picocli.help.name.0:--h} and the like, which a system property can change at run time.
      writeStrings(out, Objects.requireNonNull(((Field) option.userObject()).getAnnotation(Option.class),
          "an option's field has @Option").names());
      out.writeBoolean(option.help());
      out.writeBoolean(option.usageHelp());
      out.writeBoolean(option.versionHelp());
      out.writeBoolean(option.negatable());
      writeNullable(out, option.fallbackValue());
      out.writeInt(option.order());
    } else {
      out.writeUTF(range(((PositionalParamSpec) arg).index()));
    }
    Object member = arg.userObject();
    if (standardHelp || !(member instanceof Field field)) {
      if (!standardHelp) {
        throw new IllegalStateException("not bound to a field: " + arg);
      }
      out.writeUTF("");
      // The help options' own initial value (false), which a field binding would read from the field.
      Object initial = arg.initialValue();
      if (!(initial instanceof Boolean)) {
        throw new IllegalStateException("an initial value other than true or false: " + arg);
      }
      out.writeBoolean((Boolean) initial);
    } else {
      out.writeUTF(field.getName());
    }
    out.writeBoolean(arg.required());
    out.writeBoolean(arg.interactive());
    out.writeBoolean(arg.echo());
    writeNullable(out, arg.prompt());
    noVariables(arg);
    writeStrings(out, rawDescription(arg));
    writeNullable(out, arg.descriptionKey());
    out.writeBoolean(arg.arity().isUnspecified());
    out.writeUTF(range(arg.arity()));
    writeNullable(out, arg.paramLabel());
    out.writeBoolean(arg.hideParamSyntax());
    out.writeUTF(arg.type().getName());
    Class<?>[] auxiliary = arg.auxiliaryTypes();
    String[] auxiliaryNames = new String[auxiliary.length];
    for (int i = 0; i < auxiliary.length; i++) {
      auxiliaryNames[i] = auxiliary[i].getName();
    }
    writeStrings(out, auxiliaryNames);
    ITypeConverter<?>[] converters = arg.converters();
    String[] converterNames = new String[converters.length];
    for (int i = 0; i < converters.length; i++) {
      converterNames[i] = converters[i].getClass().getName();
    }
    writeStrings(out, converterNames);
    writeNullable(out, arg.splitRegex());
    writeNullable(out, arg.splitRegexSynopsisLabel());
    out.writeBoolean(arg.hidden());
    out.writeBoolean(arg.inherited());
    writeNullable(out, arg.mapFallbackValue());
    writeNullable(out, arg.defaultValue());
    out.writeUTF(arg.showDefaultValue().name());
    // Only candidates a command declared (an enum's own are worked out from its type, as picocli does).
    Iterable<String> candidates = arg.completionCandidates();
    String candidatesClass = candidates == null ? null : candidates.getClass().getName();
    boolean declared = candidatesClass != null && candidatesClass.startsWith("dev.custintel.");
    writeNullable(out, declared ? candidatesClass : null);
    if (!picocliDefault(arg.parameterConsumer()) || !picocliDefault(arg.preprocessor())) {
      throw new IllegalStateException("a parameter consumer or preprocessor cannot be copied: " + arg);
    }
    out.writeUTF(arg.scopeType().name());
    out.writeUTF(arg.toString());
  }

  /**
   * The description as the annotation gives it. Not {@link ArgSpec#description()}, which has already replaced
   * {@code ${DEFAULT-VALUE}} and the like and formatted the text ({@code %%} to {@code %}): picocli would format it
   * again when it renders the copy.
   */
  private static String[] rawDescription(ArgSpec arg) {
    Field field = (Field) arg.userObject();
    Option option = field.getAnnotation(Option.class);
    if (option != null) {
      return option.description();
    }
    Parameters parameters = field.getAnnotation(Parameters.class);
    if (parameters != null) {
      return parameters.description();
    }
    throw new IllegalStateException("neither an option nor a parameter: " + field);
  }

  /**
   * Refuses a picocli variable in the texts of an argument's annotation that the copy takes interpolated (its
   * names and description are copied raw).
   */
  private static void noVariables(ArgSpec arg) {
    Field field = (Field) arg.userObject();
    String where = field.getDeclaringClass().getSimpleName() + "." + field.getName();
    Option option = field.getAnnotation(Option.class);
    if (option != null) {
      noVariables(where, option.defaultValue(), option.paramLabel(), option.fallbackValue(),
          option.mapFallbackValue(), option.split(), option.splitSynopsisLabel(), option.prompt(),
          option.descriptionKey(), option.arity());
    }
    Parameters parameters = field.getAnnotation(Parameters.class);
    if (parameters != null) {
      noVariables(where, parameters.defaultValue(), parameters.paramLabel(), parameters.mapFallbackValue(),
          parameters.split(), parameters.splitSynopsisLabel(), parameters.prompt(), parameters.descriptionKey(),
          parameters.arity(), parameters.index());
    }
  }

  /** Whether a parameter consumer or preprocessor is picocli's own do-nothing default. */
  private static boolean picocliDefault(@Nullable Object handler) {
    return handler == null || handler.getClass().getName().startsWith("picocli.CommandLine$");
  }

  private static String range(CommandLine.Range range) {
    String original = range.originalValue();
    return original != null ? original : range.toString();
  }

  private static void writeNullable(DataOutputStream out, @Nullable String value) throws IOException {
    out.writeBoolean(value != null);
    if (value != null) {
      out.writeUTF(value);
    }
  }

  private static void writeStrings(DataOutputStream out, String @Nullable [] values) throws IOException {
    out.writeInt(values == null ? -1 : values.length);
    if (values != null) {
      for (String v : values) {
        out.writeUTF(v);
      }
    }
  }

  /**
   * The program's model for a run, built from the models the build wrote: what
   * {@link CustintelCli#reflectiveCommandLine} would build for the same arguments.
   *
   * @param args the command line
   * @return the program with the command the arguments name, or null when the run should take the reflective way:
   *     it asks for help or the version, names no command the models hold, or there are no models
   */
  static @Nullable CommandLine commandLine(String... args) {
    if (args.length == 0 || asksForHelp(args)) {
      return null;
    }
    String command = args[0];
    if (!CustintelCli.COMMANDS.containsKey(command)) {
      return null;
    }
    Map<String, Class<?>> subcommands = CustintelCli.GROUPS.get(command);
    String sub = null;
    if (subcommands != null) {
      if (args.length < 2 || !subcommands.containsKey(args[1])) {
        return null; // a group without its subcommand: a usage error, which lists the group's subcommands
      }
      sub = args[1];
    }
    try {
      Map<String, byte[]> models = read(List.of("", command, sub == null ? command : command + " " + sub));
      byte[] root = models.get("");
      byte[] named = models.get(command);
      byte[] subModel = sub == null ? null : models.get(command + " " + sub);
      if (root == null || named == null || (sub != null && subModel == null)) {
        return null;
      }
      CommandLine.IFactory factory = new LazyDefaultFactory();
      CommandLine cli = new CommandLine(readCommand(root, factory), factory);
      CommandLine commandLine = new CommandLine(readCommand(named, factory), factory);
      if (subModel != null) {
        commandLine.addSubcommand(sub, new CommandLine(readCommand(subModel, factory), factory));
      }
      cli.addSubcommand(command, commandLine);
      return cli;
    } catch (IOException | ReflectiveOperationException | RuntimeException e) {
      return null; // no models, or of another build: the annotations still hold them
    }
  }

  /** Whether an argument asks for help or the version, which the reflective model answers. */
  private static boolean asksForHelp(String[] args) {
    for (String arg : args) {
      if (arg.equals("help") || arg.equals("--help") || arg.equals("--version")
          || (arg.startsWith("-") && !arg.startsWith("--") && (arg.indexOf('h') > 0 || arg.indexOf('V') > 0))) {
        return true;
      }
      if (arg.equals("--")) {
        return false;
      }
    }
    return false;
  }

  /**
   * A command's copied model as {@link PlainCommandLine} parses with it: read without making anything of picocli.
   *
   * @param commandClass the command's class name
   * @param args its options and positional parameters, in the model's order
   */
  record PlainModel(String commandClass, List<PlainArg> args) {}

  /**
   * @param mixinField the command's field that holds the mixin the argument comes from, {@code ""} for the
   *     command's own (or the standard help options)
   * @param mixinClass that mixin's class name, {@code ""} for the command's own
   * @param model the argument
   */
  record PlainArg(String mixinField, String mixinClass, ArgModel model) {}

  /**
   * @param path a command path, such as {@code "clv fit"}
   * @return its copied model, or null when there is none (no generated class, one of another format, or no
   *     model for the path)
   */
  static @Nullable PlainModel plainModel(String path) {
    try {
      byte[] bytes = read(List.of(path)).get(path);
      if (bytes == null) {
        return null;
      }
      DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
      String commandClass = in.readUTF();
      in.readUTF(); // name
      readStrings(in); // aliases
      readNullable(in); // version provider
      in.skipNBytes(in.readInt()); // the usage texts
      readStrings(in); // the @Spec fields, which a plain run leaves null
      int count = in.readInt();
      List<PlainArg> args = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        String owner = in.readUTF();
        String mixinField = owner.isEmpty() ? "" : in.readUTF();
        String mixinClass = owner.isEmpty() ? "" : in.readUTF();
        args.add(new PlainArg(mixinField, mixinClass, ArgModel.read(in)));
      }
      return new PlainModel(commandClass, args);
    } catch (IOException | ReflectiveOperationException | RuntimeException e) {
      return null; // no models, or of another build: picocli reads the annotations
    }
  }

  /** @return the copied models of those of the paths the generated class holds */
  private static Map<String, byte[]> read(List<String> wanted) throws ReflectiveOperationException {
    Class<?> data = Class.forName(CommandModels.class.getPackageName() + "." + DATA_CLASS);
    if (staticField(data, "FORMAT", Integer.class) != FORMAT) {
      throw new IllegalStateException(DATA_CLASS + " of another format");
    }
    String[] paths = staticField(data, "PATHS", String[].class);
    String[] models = staticField(data, "MODELS", String[].class);
    Map<String, byte[]> found = new LinkedHashMap<>();
    for (int i = 0; i < paths.length; i++) {
      if (wanted.contains(paths[i])) {
        found.put(paths[i], models[i].getBytes(StandardCharsets.ISO_8859_1));
      }
    }
    return found;
  }

  private static <T> T staticField(Class<?> type, String name, Class<T> valueType)
      throws ReflectiveOperationException {
    Field field = type.getDeclaredField(name);
    field.setAccessible(true);
    return valueType.cast(field.get(null));
  }

  private static CommandSpec readCommand(byte[] bytes, CommandLine.IFactory factory)
      throws IOException, ReflectiveOperationException {
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
    Object command = instantiate(in.readUTF());
    CommandSpec spec = CommandSpec.wrapWithoutInspection(command, factory);
    spec.name(in.readUTF());
    spec.aliases(readStrings(in));
    String versionProvider = readNullable(in);
    if (versionProvider != null) {
      spec.versionProvider((IVersionProvider) instantiate(versionProvider));
    }
    in.readInt(); // the usage section's length
    readUsage(in, spec.usageMessage());
    for (String field : readStrings(in)) {
      field(command.getClass(), field).set(command, spec);
    }
    int args = in.readInt();
    String mixinName = null;
    CommandSpec mixin = null;
    for (int i = 0; i < args; i++) {
      String owner = in.readUTF();
      if (mixin != null && !owner.equals(mixinName)) {
        spec.addMixin(mixinName, mixin);
        mixin = null;
      }
      Object target = command;
      if (!owner.isEmpty()) {
        String fieldName = in.readUTF();
        String mixinClass = in.readUTF();
        if (mixin == null) {
          Object mixinObject = instantiate(mixinClass);
          field(command.getClass(), fieldName).set(command, mixinObject);
          mixin = CommandSpec.wrapWithoutInspection(mixinObject, factory);
          mixinName = owner;
        }
        target = mixin.userObject();
      }
      ArgSpec arg = readArg(in, target);
      (mixin != null ? mixin : spec).add(arg);
    }
    if (mixin != null) {
      spec.addMixin(mixinName, mixin);
    }
    return spec;
  }

  private static void readUsage(DataInputStream in, UsageMessageSpec usage) throws IOException {
    usage.headerHeading(readNullable(in));
    usage.header(readStrings(in));
    usage.synopsisHeading(readNullable(in));
    usage.synopsisSubcommandLabel(readNullable(in));
    usage.abbreviateSynopsis(in.readBoolean());
    usage.customSynopsis(readStrings(in));
    usage.descriptionHeading(readNullable(in));
    usage.description(readStrings(in));
    usage.parameterListHeading(readNullable(in));
    usage.optionListHeading(readNullable(in));
    usage.sortOptions(in.readBoolean());
    usage.sortSynopsis(in.readBoolean());
    usage.requiredOptionMarker(in.readChar());
    usage.showDefaultValues(in.readBoolean());
    usage.showAtFileInUsageHelp(in.readBoolean());
    usage.showEndOfOptionsDelimiterInUsageHelp(in.readBoolean());
    usage.hidden(in.readBoolean());
    usage.commandListHeading(readNullable(in));
    usage.exitCodeListHeading(readNullable(in));
    int exitCodes = in.readInt();
    Map<String, String> exitCodeList = new LinkedHashMap<>();
    for (int i = 0; i < exitCodes; i++) {
      exitCodeList.put(in.readUTF(), in.readUTF());
    }
    usage.exitCodeList(exitCodeList);
    usage.footerHeading(readNullable(in));
    usage.footer(readStrings(in));
  }

  private static ArgSpec readArg(DataInputStream in, Object target) throws IOException, ReflectiveOperationException {
    ArgModel model = ArgModel.read(in);
    Attributes a = Attributes.of(model, target);
    if (model.option()) {
      OptionSpec.Builder optionBuilder = OptionSpec.builder(model.names());
      optionBuilder.help(model.help()).usageHelp(model.usageHelp()).versionHelp(model.versionHelp())
          .negatable(model.negatable()).fallbackValue(model.fallbackValue()).order(model.order());
      return a.applyTo(optionBuilder).build();
    }
    return a.applyTo(PositionalParamSpec.builder().index(model.index())).build();
  }

  /**
   * An argument as the copy holds it (what {@link #writeArg} writes), before anything is looked up or made: the
   * picocli model is built from it, and {@link PlainCommandLine} parses with it without picocli.
   *
   * @param option an option, else a positional parameter
   * @param names an option's names (empty for a positional parameter)
   * @param index a positional parameter's index range ({@code ""} for an option)
   * @param field the field it sets ({@code ""} for the standard help options, which set none)
   * @param helpInitialValue a standard help option's initial value
   * @param arity the arity as written, or null when unspecified (picocli works it out from the type)
   * @param type the value type's name
   * @param auxiliaryTypes the element types' names of a collection
   * @param converters the converter classes' names (empty: picocli's own for the type)
   * @param completionCandidates the class of candidates a command declared, or null
   */
  record ArgModel(boolean option, String[] names, boolean help, boolean usageHelp, boolean versionHelp,
      boolean negatable, @Nullable String fallbackValue, int order, String index, String field,
      boolean helpInitialValue, boolean required, boolean interactive, boolean echo, @Nullable String prompt,
      String[] description, @Nullable String descriptionKey, @Nullable String arity, @Nullable String paramLabel,
      boolean hideParamSyntax, String type, String[] auxiliaryTypes, String[] converters, @Nullable String splitRegex,
      @Nullable String splitRegexSynopsisLabel, boolean hidden, boolean inherited, @Nullable String mapFallbackValue,
      @Nullable String defaultValue, String showDefaultValue, @Nullable String completionCandidates,
      String scopeType, String label) {

    static ArgModel read(DataInputStream in) throws IOException {
      boolean option = in.readBoolean();
      String[] names = new String[0];
      boolean help = false;
      boolean usageHelp = false;
      boolean versionHelp = false;
      boolean negatable = false;
      String fallbackValue = null;
      int order = 0;
      String index = "";
      if (option) {
        names = readStrings(in);
        help = in.readBoolean();
        usageHelp = in.readBoolean();
        versionHelp = in.readBoolean();
        negatable = in.readBoolean();
        fallbackValue = readNullable(in);
        order = in.readInt();
      } else {
        index = in.readUTF();
      }
      String field = in.readUTF();
      boolean helpInitialValue = field.isEmpty() && in.readBoolean();
      boolean required = in.readBoolean();
      boolean interactive = in.readBoolean();
      boolean echo = in.readBoolean();
      String prompt = readNullable(in);
      String[] description = readStrings(in);
      String descriptionKey = readNullable(in);
      boolean arityUnspecified = in.readBoolean();
      String arity = in.readUTF();
      String paramLabel = readNullable(in);
      boolean hideParamSyntax = in.readBoolean();
      String type = in.readUTF();
      String[] auxiliaryTypes = readStrings(in);
      String[] converters = readStrings(in);
      String splitRegex = readNullable(in);
      String splitRegexSynopsisLabel = readNullable(in);
      boolean hidden = in.readBoolean();
      boolean inherited = in.readBoolean();
      String mapFallbackValue = readNullable(in);
      String defaultValue = readNullable(in);
      String showDefaultValue = in.readUTF();
      String completionCandidates = readNullable(in);
      String scopeType = in.readUTF();
      String label = in.readUTF();
      return new ArgModel(option, names, help, usageHelp, versionHelp, negatable, fallbackValue, order, index, field,
          helpInitialValue, required, interactive, echo, prompt, description, descriptionKey,
          arityUnspecified ? null : arity, paramLabel, hideParamSyntax, type, auxiliaryTypes, converters, splitRegex,
          splitRegexSynopsisLabel, hidden, inherited, mapFallbackValue, defaultValue, showDefaultValue,
          completionCandidates, scopeType, label);
    }
  }

  /**
   * What options and positional parameters have in common, looked up and made from the copy. (Picocli's builder of
   * both is not public, so each kind's builder gets them by a method of its own.)
   */
  private record Attributes(@Nullable FieldBinding binding, @Nullable Object initialValue, boolean required,
      boolean interactive, boolean echo, @Nullable String prompt, String[] description,
      @Nullable String descriptionKey, @Nullable String arity, @Nullable String paramLabel, boolean hideParamSyntax,
      Class<?> valueType, Class<?>[] auxiliaryTypes, ITypeConverter<?>[] converters, @Nullable String splitRegex,
      @Nullable String splitRegexSynopsisLabel, boolean hidden, boolean inherited, @Nullable String mapFallbackValue,
      @Nullable String defaultValue, Visibility showDefaultValue, @Nullable Iterable<String> completionCandidates,
      CommandLine.ScopeType scopeType, String label) {

    static Attributes of(ArgModel m, Object target) throws ReflectiveOperationException {
      FieldBinding binding = null;
      Object initialValue;
      if (m.field().isEmpty()) {
        initialValue = m.helpInitialValue();
      } else {
        binding = new FieldBinding(field(target.getClass(), m.field()), target);
        initialValue = binding.get();
      }
      Class<?>[] auxiliaryTypes = new Class<?>[m.auxiliaryTypes().length];
      for (int i = 0; i < auxiliaryTypes.length; i++) {
        auxiliaryTypes[i] = classNamed(m.auxiliaryTypes()[i]);
      }
      ITypeConverter<?>[] converters = new ITypeConverter<?>[m.converters().length];
      for (int i = 0; i < converters.length; i++) {
        converters[i] = (ITypeConverter<?>) instantiate(m.converters()[i]);
      }
      String candidatesClass = m.completionCandidates();
      @SuppressWarnings("unchecked")
      Iterable<String> candidates = candidatesClass == null ? null : (Iterable<String>) instantiate(candidatesClass);
      return new Attributes(binding, initialValue, m.required(), m.interactive(), m.echo(), m.prompt(),
          m.description(), m.descriptionKey(), m.arity(), m.paramLabel(), m.hideParamSyntax(), classNamed(m.type()),
          auxiliaryTypes, converters, m.splitRegex(), m.splitRegexSynopsisLabel(), m.hidden(), m.inherited(),
          m.mapFallbackValue(), m.defaultValue(), Visibility.valueOf(m.showDefaultValue()), candidates,
          CommandLine.ScopeType.valueOf(m.scopeType()), m.label());
    }

    OptionSpec.Builder applyTo(OptionSpec.Builder b) {
      if (binding != null) {
        b.getter(binding).setter(binding);
      }
      b.initialValue(initialValue).hasInitialValue(true);
      if (arity != null) {
        b.arity(arity);
      }
      if (completionCandidates != null) {
        b.completionCandidates(completionCandidates);
      }
      return b.required(required).interactive(interactive).echo(echo).prompt(prompt).description(description)
          .descriptionKey(descriptionKey).paramLabel(paramLabel).hideParamSyntax(hideParamSyntax).type(valueType)
          .auxiliaryTypes(auxiliaryTypes).converters(converters).splitRegex(splitRegex)
          .splitRegexSynopsisLabel(splitRegexSynopsisLabel).hidden(hidden).inherited(inherited)
          .defaultValue(defaultValue).showDefaultValue(showDefaultValue).scopeType(scopeType).withToString(label);
    }

    PositionalParamSpec.Builder applyTo(PositionalParamSpec.Builder b) {
      if (binding != null) {
        b.getter(binding).setter(binding);
      }
      b.initialValue(initialValue).hasInitialValue(true);
      if (arity != null) {
        b.arity(arity);
      }
      if (completionCandidates != null) {
        b.completionCandidates(completionCandidates);
      }
      return b.required(required).interactive(interactive).echo(echo).prompt(prompt).description(description)
          .descriptionKey(descriptionKey).paramLabel(paramLabel).hideParamSyntax(hideParamSyntax).type(valueType)
          .auxiliaryTypes(auxiliaryTypes).converters(converters).splitRegex(splitRegex)
          .splitRegexSynopsisLabel(splitRegexSynopsisLabel).hidden(hidden).inherited(inherited)
          .defaultValue(defaultValue).showDefaultValue(showDefaultValue).scopeType(scopeType).withToString(label);
    }
  }

  private static @Nullable String readNullable(DataInputStream in) throws IOException {
    return in.readBoolean() ? in.readUTF() : null;
  }

  private static String[] readStrings(DataInputStream in) throws IOException {
    int n = in.readInt();
    String[] values = new String[Math.max(0, n)];
    for (int i = 0; i < n; i++) {
      values[i] = in.readUTF();
    }
    return values;
  }

  private static Class<?> classNamed(String name) throws ClassNotFoundException {
    return switch (name) {
      case "boolean" -> boolean.class;
      case "int" -> int.class;
      case "long" -> long.class;
      case "double" -> double.class;
      case "float" -> float.class;
      case "short" -> short.class;
      case "byte" -> byte.class;
      case "char" -> char.class;
      default -> Class.forName(name, false, CommandModels.class.getClassLoader());
    };
  }

  static Object instantiate(String className) throws ReflectiveOperationException {
    Constructor<?> constructor = classNamed(className).getDeclaredConstructor();
    constructor.setAccessible(true);
    return constructor.newInstance();
  }

  static Field field(Class<?> type, String name) throws NoSuchFieldException {
    for (Class<?> c = type; c != null; c = c.getSuperclass()) {
      try {
        Field field = c.getDeclaredField(name);
        field.setAccessible(true);
        return field;
      } catch (NoSuchFieldException e) {
        // look in the superclass
      }
    }
    throw new NoSuchFieldException(type.getName() + "." + name);
  }

  /**
   * Picocli's default factory, set up only when a parse needs it (to make the collection of an option given more
   * than once). Its set-up looks for Groovy's {@code Closure} class on the class path: a class that is not there,
   * so the JVM opens the jar's 10,000-entry directory to be sure, about 6 ms of a cold start.
   */
  private static final class LazyDefaultFactory implements CommandLine.IFactory {
    @Override
    public <K> K create(Class<K> type) throws Exception {
      return CommandLine.defaultFactory().create(type);
    }
  }

  /** Reads and writes an option's field on its command or mixin, as picocli's own binding of a field does. */
  private static final class FieldBinding implements IGetter, ISetter {
    private final Field field;
    private final Object target;

    FieldBinding(Field field, Object target) {
      this.field = field;
      this.target = target;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T get() {
      try {
        return (T) field.get(target);
      } catch (IllegalAccessException e) {
        throw new CommandLine.PicocliException("cannot read " + field, e);
      }
    }

    @Override
    public <T> T set(T value) {
      T previous = get();
      try {
        field.set(target, value);
      } catch (IllegalAccessException e) {
        throw new CommandLine.PicocliException("cannot set " + field, e);
      }
      return previous;
    }

    @Override
    public String toString() {
      return String.format(Locale.ROOT, "%s.%s", field.getDeclaringClass().getSimpleName(), field.getName());
    }
  }
}
