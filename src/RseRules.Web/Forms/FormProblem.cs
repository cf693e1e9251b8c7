namespace RseRules.Web.Forms;

/// <summary>A value of the form that could not be read (a text where a number is expected…), at its field.</summary>
/// <param name="Pointer">JSON pointer of the value.</param>
/// <param name="Message">What is wrong, in the form's language.</param>
public sealed record FormProblem(string Pointer, string Message);
