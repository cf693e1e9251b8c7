namespace RseRules.Core.Diagnostics;

/// <summary>
/// Every diagnostic the engine emits. The number is the code printed as <c>RSEnnnn</c>; the thousands
/// digit groups them by stage: 0 general, 1 JSON, 2 method schema, 3 method semantics, 4 formulas,
/// 5 input documents, 6 evaluation, 7 test cases, 8 reports. Codes are stable: never renumber one.
/// The messages a document writer reads (RSE0001, RSE0003, RSE0006, RSE1001, RSE1002, RSE5001–RSE5008) are in French or
/// English from <see cref="InputMessages"/> (RSE5006: the method's own message in that language); the others are in English.
/// </summary>
public enum DiagnosticCode
{
    // General
    /// <summary>A file or folder named on the command line or in a method does not exist.</summary>
    FileNotFound = 1,
    /// <summary>An <c>id@version</c> reference names no method under the methods folder.</summary>
    MethodNotFound = 2,
    /// <summary>A file exists but could not be read (permissions, I/O error, not UTF-8).</summary>
    FileUnreadable = 3,
    /// <summary>A command-line argument is invalid (wrong format, conflicting options).</summary>
    InvalidArgument = 4,
    /// <summary>An output file could not be written.</summary>
    OutputFailed = 5,
    /// <summary>A file is larger than the engine reads (16 MiB); see <c>JsonSource.MaxFileBytes</c>.</summary>
    FileTooLarge = 6,

    // JSON
    /// <summary>The text is not valid JSON (message says what the reader expected), or exceeds a size limit (nesting 64, array 100,000 elements, object 10,000 members, string 1,000,000 characters, an infinite number, an integer beyond 64 bits).</summary>
    JsonSyntax = 1001,
    /// <summary>An object has the same property twice.</summary>
    JsonDuplicateKey = 1002,

    // Method schema
    /// <summary>The method file does not conform to <c>methods/schema/method.schema.json</c>.</summary>
    MethodSchema = 2001,

    // Method semantics
    /// <summary>Two parameters, inputs, indicators, fields or rules share an identifier.</summary>
    DuplicateId = 3001,
    /// <summary>A declaration names something the method does not declare (a series length, a <c>ref</c>, map <c>keys</c>, a scale, a <c>forEach</c> collection, a result).</summary>
    UnknownReference = 3002,
    /// <summary>A type declaration is incomplete or contradictory (a series without length, fields on a number, min above max).</summary>
    InvalidTypeDeclaration = 3003,
    /// <summary>Indicators depend on each other in a cycle; the message names the whole cycle.</summary>
    DependencyCycle = 3004,
    /// <summary>An identifier is a C# keyword, starts with two underscores, or hides a helper function.</summary>
    InvalidIdentifier = 3005,
    /// <summary>A parameter's <c>value</c> (or a declaration's <c>default</c>) does not match its declared type.</summary>
    InvalidParameterValue = 3007,
    /// <summary>A rule of severity <c>error</c> (an input check) reads an indicator; input checks may read inputs and parameters only.</summary>
    InputCheckReadsIndicator = 3008,
    /// <summary><c>formatVersion</c> is not one this engine reads.</summary>
    UnsupportedFormatVersion = 3010,
    /// <summary>An overlay's base (<c>extends</c>) cannot be found or is itself invalid, overlays extend each other in a loop, or the
    /// base no longer has the SHA-256 the overlay pins (<c>baseSha256</c>).</summary>
    OverlayBaseInvalid = 3011,
    /// <summary>A published method version (listed in <c>methods/manifest.json</c>) no longer has its published SHA-256: published versions are immutable.</summary>
    PublishedVersionChanged = 3012,
    /// <summary>An overlay conflicts with its base: it redeclares an id without <c>"replaces": true</c>, replaces something the base does not have,
    /// changes a parameter's type, changes a replaced indicator's type, shape or unit, loosens (or misapplies) an input bound in
    /// <c>tighten</c>, or removes a result the base lacks or the report declaration still names (<c>removeResults</c>).</summary>
    OverlayConflict = 3013,

    /// <summary>A method is larger than the engine accepts (indicators, rules, parameters, input declarations, scales, results,
    /// characters of formulas, or a chain of indicators deeper than 256): see <c>MethodLimits</c>.</summary>
    MethodTooLarge = 3014,

    /// <summary>The method uses a feature of format version 2 (enum, record or collection indicators, record or collection
    /// parameters, <c>forEach</c> over other values than a collection input…) but declares <c>"formatVersion": 1</c>.</summary>
    NeedsFormatVersion2 = 3020,

    // Formulas
    /// <summary>A formula is not one well-formed C# expression.</summary>
    FormulaSyntax = 4001,
    /// <summary>A formula does not compile (Roslyn's own diagnostic, mapped back to the formula's line and column).</summary>
    FormulaCompile = 4002,
    /// <summary>A formula uses a construct the sandbox forbids (statements, assignments, typeof, object creation, casts, unsafe code, ...).</summary>
    ForbiddenConstruct = 4003,
    /// <summary>A formula names a type or member outside the sandbox's allow-list (files, processes, network, reflection, environment, threads, ...).</summary>
    ForbiddenMember = 4004,
    /// <summary>A formula contains a preprocessor directive (<c>#r</c>, <c>#load</c>, <c>#line</c>, <c>#pragma</c>, ...).</summary>
    PreprocessorDirective = 4005,
    /// <summary>A formula is longer, more deeply nested, or more complex (nested lambdas, query clauses, syntax nodes,
    /// interpolation widths, format precisions) than the engine accepts: see <c>FormulaLimits</c>.</summary>
    FormulaTooComplex = 4006,

    /// <summary>Compiling a method's formulas went past the compiler's time or memory limit (<c>CompileOptions</c>); nothing was emitted.</summary>
    CompilationLimitExceeded = 4007,

    /// <summary>Warning: a formula of a <c>number</c> indicator divides two integers (inputs, scale levels, counts), which
    /// truncates the quotient (<c>7 / 2</c> is 3); write <c>(double)a / b</c> when a fraction is meant.</summary>
    IntegerDivision = 4010,

    /// <summary>A formula reads a map parameter at a literal key the parameter does not have
    /// (<c>weights["obsolescense"]</c>), which would fail at evaluation.</summary>
    UnknownParameterKey = 4011,

    // Inputs
    /// <summary>The input document does not conform to the JSON Schema generated from the method's input declarations.</summary>
    InputSchema = 5001,
    /// <summary>A per-year series does not have the length its declaration ties it to.</summary>
    SeriesLength = 5002,
    /// <summary>A text that must name an item of a collection (a <c>ref</c>) names none.</summary>
    UnknownInputReference = 5003,
    /// <summary>Two items of a collection have the same key.</summary>
    DuplicateKey = 5004,
    /// <summary>A map keyed by a collection has a key that is not an item of that collection.</summary>
    UnknownMapKey = 5005,
    /// <summary>One of the method's input checks (a rule of severity <c>error</c>) rejected the document.</summary>
    InputCheckFailed = 5006,
    /// <summary>A distribution given for an uncertain input is not ordered: it needs <c>min ≤ mode ≤ max</c> (<c>min ≤ max</c> for <c>uniform</c>).</summary>
    InvalidDistribution = 5007,
    /// <summary>Warning: the document has uncertain inputs (distributions), evaluated at their mode (the mean for <c>uniform</c>); the message lists them.</summary>
    UncertainInputsAtMode = 5008,
    /// <summary>A workbook (<c>rse inputs import</c>) cannot be read: not a zip or not a spreadsheet package, a missing or malformed
    /// part, a hidden <c>_map</c> sheet missing or damaged. The message says which.</summary>
    WorkbookUnreadable = 5010,
    /// <summary>A cell of an input workbook does not hold what its input needs (text in a number cell, a label that is none of an
    /// enum's, a formula without a computed value, an error value); the message names the sheet and cell, the pointer the input.</summary>
    WorkbookCellInvalid = 5011,
    /// <summary>A workbook is larger than the reader accepts (16 MiB compressed, 64 MiB decompressed, 1,000 parts, 100,000 cells or
    /// rows, 200,000 shared strings or 16 million characters of text: see <c>WorkbookLimits</c>), or a template would be.</summary>
    WorkbookTooLarge = 5012,
    /// <summary>A workbook was not made for this method's inputs: another method, or a version whose inputs are laid out
    /// differently (generate a new template), or a sheet of the layout is missing.</summary>
    WorkbookLayoutMismatch = 5013,
    /// <summary>Warning: a value of the prefill document has no cell in the template (an undeclared member, a map key that is no
    /// item's key, a value of another type); it is not in the workbook.</summary>
    WorkbookValueNotPlaced = 5014,

    // Evaluation
    /// <summary>An indicator evaluated to NaN or an infinite number (for example a division by zero).</summary>
    NotANumber = 6001,
    /// <summary>An indicator's formula failed at run time (overflow, empty sequence, missing key, null value).</summary>
    EvaluationFailed = 6002,
    /// <summary>An evaluation went past its budget of steps, its time limit or its memory limit (see <c>EvaluationBudget</c>); the message names the indicator or rule and the limit.</summary>
    EvaluationBudgetExceeded = 6004,
    /// <summary>A rule's condition or message failed at run time.</summary>
    RuleFailed = 6003,

    // Reports
    /// <summary>A report template does not parse (Scriban syntax error), located in the template file.</summary>
    TemplateSyntax = 8001,
    /// <summary>A report template failed while rendering (unknown variable, bad function call), located in the template file.</summary>
    TemplateRuntime = 8002,
    /// <summary>A report template set or one of its files cannot be found.</summary>
    TemplateNotFound = 8003,
    /// <summary>The PDF could not be printed: no Chromium found, or Chromium failed.</summary>
    PdfPrinterFailed = 8004,
    /// <summary>An evaluation record is malformed, or its method cannot be found or does not have the recorded hash.</summary>
    RecordMismatch = 8005,
    /// <summary>
    /// An evaluation record's <c>signature</c> does not verify: malformed member, a key id that is not the hash of the
    /// public key given, or an ECDSA signature that is not over the record's <c>recordSha256</c> by that key.
    /// </summary>
    RecordSignatureInvalid = 8010,
    /// <summary>A record is unsigned, or signed by a key not among those given with <c>--trust</c>.</summary>
    RecordUntrusted = 8011,
    /// <summary>A key file (<c>--sign</c>, <c>--trust</c>) cannot be read: not a PEM ECDSA P-256 key of the expected kind.</summary>
    KeyFileInvalid = 8012,

    // Test cases
    /// <summary>A test case file is malformed (schema or references).</summary>
    InvalidTestCase = 7001,
}
