using System.Diagnostics;
using System.Text;
using RseRules.Reporting.Escaping;
using Scriban;
using Scriban.Functions;
using Scriban.Parsing;
using Scriban.Runtime;
using Scriban.Syntax;

namespace RseRules.Reporting.Rendering;

/// <summary>
/// The Scriban context a report renders in. Two things set it apart from Scriban's own:
/// <list type="number">
/// <item><b>Escaping by default.</b> Every value a template prints (<c>{{ … }}</c>) is escaped for the exact place it
/// lands in the output — HTML text, attribute, CSS string, URL, Markdown text, code, table cell — by an
/// <see cref="IOutputContext"/> that follows the output as it is written. Only markup the engine produced (a chart, an
/// included template's own output) is written as is. <c>html.escape</c> and <c>md</c> are kept for older templates and
/// do nothing: a template that forgets to escape stays safe, and one that escapes twice shows no <c>&amp;amp;</c>.</item>
/// <item><b>Bounds.</b> Time, allocated memory and output size are checked as the template runs (<see cref="RenderLimits"/>),
/// on top of Scriban's loop, recursion and string limits.</item>
/// </list>
/// </summary>
internal sealed class ReportTemplateContext : TemplateContext
{
    private readonly Func<IOutputContext> newContext;
    private readonly RenderLimits limits;
    private readonly Dictionary<StringBuilder, Tracked> outputs = new(ReferenceEqualityComparer.Instance);
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private readonly long allocatedAtStart = GC.GetAllocatedBytesForCurrentThread();
    private IOutputContext? lastContext;
    private int ticks;

    public ReportTemplateContext(ReportFormat format, RenderLimits limits)
        : base(Builtins())
    {
        this.limits = limits;
        newContext = format == ReportFormat.Markdown ? () => new MarkdownOutputContext() : () => new HtmlOutputContext();
        BuiltinObject.SetValue("include", new SafeIncludeFunction(this), true);
        StrictVariables = true;
        EnableRelaxedMemberAccess = false;
        LoopLimit = limits.LoopIterations;
        RecursiveLimit = limits.Recursion;
        LimitToString = limits.OutputCharacters;
        RegexTimeOut = TimeSpan.FromSeconds(1);
        NewLine = "\n";
        MemberRenamer = member => member.Name;
    }

    /// <summary>The context an include starts in (the one at the include), until its output is created.</summary>
    internal IOutputContext? PendingInclude { get; set; }

    /// <summary>The output context at the current end of the current output.</summary>
    internal IOutputContext CurrentContext()
    {
        var builder = (Output as StringBuilderOutput)?.Builder
            ?? throw new InvalidOperationException("Report templates render into text only.");
        if (!outputs.TryGetValue(builder, out var tracked))
        {
            // A new output: an include (which starts where it is included), or a capture (whose text is escaped again
            // when it is printed, so where it starts only decides how its own values look).
            tracked = new Tracked(PendingInclude?.Clone() ?? lastContext?.Clone() ?? newContext());
            PendingInclude = null;
            outputs[builder] = tracked;
        }

        if (tracked.Position < builder.Length)
        {
            var text = builder.ToString(tracked.Position, builder.Length - tracked.Position);
            tracked.Context.Feed(text, 0, text.Length);
            tracked.Position = builder.Length;
        }

        lastContext = tracked.Context;
        return tracked.Context;
    }

    /// <summary>Every printed value goes through here: escaped for where it falls, or refused with a located error.</summary>
    public override TemplateContext Write(SourceSpan span, object? textAsObject)
    {
        if (textAsObject is null)
        {
            return this;
        }

        var context = CurrentContext();
        string text;
        switch (textAsObject)
        {
            case IncludedMarkup included:
                if (!included.RenderedFor.SameState(context))
                {
                    throw new ScriptRuntimeException(span, "An included template's output can only be printed where it is included.");
                }

                text = included.Text;
                break;
            case Markup markup:
                text = context.AcceptsMarkup(out var misplaced) ? markup.Text : throw new ScriptRuntimeException(span, misplaced!);
                break;
            default:
                text = context.Escape(ObjectToString(textAsObject) ?? string.Empty, out var refusal) ?? throw new ScriptRuntimeException(span, refusal!);
                break;
        }

        Write(text);
        CheckOutput(span);
        return this;
    }

    /// <summary>Every node the template evaluates: the time, memory and output bounds are checked every few of them.</summary>
    public override object? Evaluate(ScriptNode? scriptNode, bool aliasReturnedFunction)
    {
        if (scriptNode is not null && ++ticks % 32 == 0)
        {
            CheckBounds(scriptNode.Span);
        }

        return base.Evaluate(scriptNode, aliasReturnedFunction);
    }

    /// <summary>The checks of <see cref="Evaluate(ScriptNode, bool)"/>, once more at the end of the rendering.</summary>
    internal void CheckBounds(SourceSpan span)
    {
        if (clock.Elapsed > limits.Time)
        {
            throw new ScriptRuntimeException(span, $"The template ran for more than its time limit of {limits.Time.TotalSeconds:0} s.");
        }

        if (GC.GetAllocatedBytesForCurrentThread() - allocatedAtStart > limits.AllocatedBytes)
        {
            throw new ScriptRuntimeException(span, $"The template allocated more than its memory limit of {limits.AllocatedBytes / (1 << 20):N0} MiB.");
        }

        CheckOutput(span);
    }

    private void CheckOutput(SourceSpan span)
    {
        // Scriban stops writing at LimitToString (and adds "..."): reaching it is an error, never a silently cut report.
        if (Output is StringBuilderOutput { Builder.Length: var length } && length >= limits.OutputCharacters)
        {
            throw new ScriptRuntimeException(span, $"The report is longer than its limit of {limits.OutputCharacters:N0} characters.");
        }
    }

    private static BuiltinFunctions Builtins()
    {
        var builtins = new BuiltinFunctions();
        builtins.Remove("include"); // replaced by SafeIncludeFunction in the constructor

        // include_join renders several templates into one string: with escaping by default it would print them escaped.
        builtins.Remove("include_join");

        // html.escape and friends: escaping is automatic, so html.escape returns its text unchanged (escaping twice
        // would show "&amp;lt;"); the rest of Scriban's html functions stay.
        var html = new ScriptObject();
        html.Import(typeof(HtmlFunctions));
        html.Remove("escape");
        html.Import("escape", new Func<object?, object?>(text => text));
        builtins.Remove("html");
        builtins.SetValue("html", html, true);
        return builtins;
    }

    private sealed class Tracked(IOutputContext context)
    {
        public IOutputContext Context { get; } = context;

        public int Position { get; set; }
    }
}
