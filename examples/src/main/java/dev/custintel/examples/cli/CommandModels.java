package dev.custintel.examples.cli;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
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
 * {@link CustintelCli#commandLine(String...)} does, and writes what the model says (names, types, converters,
 * descriptions, usage sections, the field each option sets) to the resource {@value #RESOURCE}. A run then builds
 * the same model through picocli's programmatic API from that resource ({@link #commandLine(String...)}).
 *
 * <p>The annotations stay the only source: the resource is written from them at every build, and
 * {@code CommandModelsTest} checks, for every command, that the model read back gives the same usage help, the
 * same option attributes and the same parse results as the reflective one. A run that asks for help or the version
 * (which picocli answers from parts of the model this file does not copy), names no command of the resource, or
 * finds the resource missing or unreadable, takes the reflective way. Not API.
 */
final class CommandModels {
  /** The resource, beside this class. */
  static final String RESOURCE = "commands.model";

  private static final int VERSION = 1;
  /** The name picocli gives the mixin of {@code mixinStandardHelpOptions}. */
  private static final String STANDARD_HELP = "mixinStandardHelpOptions";

  private CommandModels() {}

  /**
   * Writes the resource (run by the build after compiling).
   *
   * @param args the file to write
   * @throws IOException if it cannot be written
   */
  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      throw new IllegalArgumentException("usage: CommandModels OUTPUT_FILE");
    }
    Path file = Path.of(args[0]);
    Files.createDirectories(file.toAbsolutePath().getParent());
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file))) {
      write(out);
    }
  }

  /**
   * @return the command paths the resource holds a model for: the root ({@code ""}), every command, and every
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
   * Writes the model of every command of {@link #paths()} that can be copied (one with an argument group, an
   * unmatched-arguments field or a parent-command field cannot, and is left out: its runs take the reflective way).
   *
   * @param out where to write
   * @throws IOException if it cannot be written
   */
  static void write(OutputStream out) throws IOException {
    DataOutputStream data = new DataOutputStream(out);
    data.writeInt(VERSION);
    List<String> paths = paths();
    Map<String, CommandSpec> specs = new LinkedHashMap<>();
    for (String path : paths) {
      CommandSpec spec = CustintelCli.reflectiveCommandLine(path.isEmpty() ? new String[0] : path.split(" "))
          .getCommandSpec();
      for (String name : path.isEmpty() ? new String[0] : path.split(" ")) {
        spec = Objects.requireNonNull(spec.subcommands().get(name), name).getCommandSpec();
      }
      if (copiable(spec)) {
        specs.put(path, spec);
      }
    }
    data.writeInt(specs.size());
    for (Map.Entry<String, CommandSpec> entry : specs.entrySet()) {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      writeCommand(new DataOutputStream(bytes), entry.getValue());
      data.writeUTF(entry.getKey());
      data.writeInt(bytes.size());
      bytes.writeTo(data);
    }
    data.flush();
  }

  private static boolean copiable(CommandSpec spec) {
    return spec.argGroups().isEmpty() && spec.unmatchedArgsBindings().isEmpty()
        && spec.parentCommandElements().isEmpty()
        && spec.mixins().values().stream().allMatch(m -> m.argGroups().isEmpty() && m.specElements().isEmpty()
            && m.mixins().isEmpty());
  }

  private static void writeCommand(DataOutputStream out, CommandSpec spec) throws IOException {
    out.writeUTF(spec.userObject().getClass().getName());
    out.writeUTF(spec.name());
    writeStrings(out, spec.aliases());
    IVersionProvider versionProvider = spec.versionProvider();
    writeNullable(out, versionProvider == null ? null : versionProvider.getClass().getName());
    writeUsage(out, spec.usageMessage());
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
      writeStrings(out, option.names());
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
   * The program's model for a run, built from the resource: what {@link CustintelCli#reflectiveCommandLine} would
   * build for the same arguments.
   *
   * @param args the command line
   * @return the program with the command the arguments name, or null when the run should take the reflective way:
   *     it asks for help or the version, names no command the resource holds, or the resource cannot be read
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
    String sub = subcommands == null ? null : args.length > 1 && subcommands.containsKey(args[1]) ? args[1] : "";
    if ("".equals(sub)) {
      return null; // a group without its subcommand: a usage error, which lists the group's subcommands
    }
    try {
      Map<String, byte[]> models = read(command, sub == null ? null : command + " " + sub);
      byte[] root = models.get("");
      byte[] named = models.get(command);
      byte[] subModel = sub == null ? null : models.get(command + " " + sub);
      if (root == null || named == null || (sub != null && subModel == null)) {
        return null;
      }
      CommandLine cli = new CommandLine(readCommand(root));
      CommandLine commandLine = new CommandLine(readCommand(named));
      if (sub != null && subModel != null) {
        commandLine.addSubcommand(sub, new CommandLine(readCommand(subModel)));
      }
      cli.addSubcommand(command, commandLine);
      return cli;
    } catch (IOException | ReflectiveOperationException | RuntimeException e) {
      return null; // a resource of another build, or none: the annotations still hold the model
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

  private static Map<String, byte[]> read(String command, @Nullable String sub) throws IOException {
    InputStream resource = CommandModels.class.getResourceAsStream(RESOURCE);
    if (resource == null) {
      throw new IOException("no " + RESOURCE);
    }
    Map<String, byte[]> found = new LinkedHashMap<>();
    try (DataInputStream in = new DataInputStream(new BufferedInputStream(resource))) {
      if (in.readInt() != VERSION) {
        throw new IOException(RESOURCE + " of another version");
      }
      int count = in.readInt();
      for (int i = 0; i < count; i++) {
        String path = in.readUTF();
        int length = in.readInt();
        if (path.isEmpty() || path.equals(command) || path.equals(sub)) {
          byte[] bytes = new byte[length];
          in.readFully(bytes);
          found.put(path, bytes);
        } else {
          in.skipNBytes(length);
        }
      }
    }
    return found;
  }

  private static CommandSpec readCommand(byte[] bytes) throws IOException, ReflectiveOperationException {
    DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(bytes));
    Object command = instantiate(in.readUTF());
    CommandSpec spec = CommandSpec.wrapWithoutInspection(command);
    spec.name(in.readUTF());
    spec.aliases(readStrings(in));
    String versionProvider = readNullable(in);
    if (versionProvider != null) {
      spec.versionProvider((IVersionProvider) instantiate(versionProvider));
    }
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
          mixin = CommandSpec.wrapWithoutInspection(mixinObject);
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
    boolean option = in.readBoolean();
    OptionSpec.@Nullable Builder optionBuilder = null;
    String index = "";
    if (option) {
      optionBuilder = OptionSpec.builder(readStrings(in));
      optionBuilder.help(in.readBoolean()).usageHelp(in.readBoolean()).versionHelp(in.readBoolean())
          .negatable(in.readBoolean()).fallbackValue(readNullable(in)).order(in.readInt());
    } else {
      index = in.readUTF();
    }
    Attributes a = Attributes.read(in, target);
    return optionBuilder != null ? a.applyTo(optionBuilder).build()
        : a.applyTo(PositionalParamSpec.builder().index(index)).build();
  }

  /**
   * What options and positional parameters have in common. (Picocli's builder of both is not public, so each kind's
   * builder gets them by a method of its own.)
   */
  private record Attributes(@Nullable FieldBinding binding, @Nullable Object initialValue, boolean required, boolean interactive, boolean echo,
      @Nullable String prompt, String[] description, @Nullable String descriptionKey, @Nullable String arity,
      @Nullable String paramLabel, boolean hideParamSyntax, Class<?> valueType, Class<?>[] auxiliaryTypes,
      ITypeConverter<?>[] converters, @Nullable String splitRegex, @Nullable String splitRegexSynopsisLabel,
      boolean hidden, boolean inherited, @Nullable String mapFallbackValue, @Nullable String defaultValue,
      Visibility showDefaultValue, @Nullable Iterable<String> completionCandidates, CommandLine.ScopeType scopeType,
      String label) {

    static Attributes read(DataInputStream in, Object target) throws IOException, ReflectiveOperationException {
      String fieldName = in.readUTF();
      FieldBinding binding = null;
      Object initialValue;
      if (fieldName.isEmpty()) {
        initialValue = in.readBoolean();
      } else {
        binding = new FieldBinding(field(target.getClass(), fieldName), target);
        initialValue = binding.get();
      }
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
      Class<?> valueType = classNamed(in.readUTF());
      String[] auxiliary = readStrings(in);
      Class<?>[] auxiliaryTypes = new Class<?>[auxiliary.length];
      for (int i = 0; i < auxiliary.length; i++) {
        auxiliaryTypes[i] = classNamed(auxiliary[i]);
      }
      String[] converterNames = readStrings(in);
      ITypeConverter<?>[] converters = new ITypeConverter<?>[converterNames.length];
      for (int i = 0; i < converterNames.length; i++) {
        converters[i] = (ITypeConverter<?>) instantiate(converterNames[i]);
      }
      String splitRegex = readNullable(in);
      String splitRegexSynopsisLabel = readNullable(in);
      boolean hidden = in.readBoolean();
      boolean inherited = in.readBoolean();
      String mapFallbackValue = readNullable(in);
      String defaultValue = readNullable(in);
      Visibility showDefaultValue = Visibility.valueOf(in.readUTF());
      String candidatesClass = readNullable(in);
      @SuppressWarnings("unchecked")
      Iterable<String> candidates = candidatesClass == null ? null : (Iterable<String>) instantiate(candidatesClass);
      CommandLine.ScopeType scopeType = CommandLine.ScopeType.valueOf(in.readUTF());
      return new Attributes(binding, initialValue, required, interactive, echo, prompt, description, descriptionKey,
          arityUnspecified ? null : arity, paramLabel, hideParamSyntax, valueType, auxiliaryTypes, converters, splitRegex,
          splitRegexSynopsisLabel, hidden, inherited, mapFallbackValue, defaultValue, showDefaultValue, candidates,
          scopeType, in.readUTF());
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

  private static Object instantiate(String className) throws ReflectiveOperationException {
    Constructor<?> constructor = classNamed(className).getDeclaredConstructor();
    constructor.setAccessible(true);
    return constructor.newInstance();
  }

  private static Field field(Class<?> type, String name) throws NoSuchFieldException {
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
