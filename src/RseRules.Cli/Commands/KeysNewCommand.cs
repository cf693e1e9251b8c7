using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace RseRules.Cli.Commands;

/// <summary>
/// <c>rse keys new --out org.key</c>: a new ECDSA P-256 key pair to sign evaluation records with — the private key as
/// PKCS#8 PEM (readable by its owner only), the public key as SubjectPublicKeyInfo PEM beside it (<c>org.pub</c>).
/// </summary>
internal sealed class KeysNewCommand(TextWriter output) : Command<KeysNewCommand.Settings>
{
    internal sealed class Settings : CommandSettings
    {
        [CommandOption("-o|--out <FILE>")]
        [Description("The private key file to write (e.g. org.key); the public key goes beside it (org.pub).")]
        public string? Out { get; init; }

        [CommandOption("--force")]
        [Description("Overwrite existing key files.")]
        public bool Force { get; init; }

        public override ValidationResult Validate()
        {
            if (string.IsNullOrEmpty(Out))
            {
                return ValidationResult.Error("--out is required.");
            }

            return !Force && (File.Exists(Out) || File.Exists(KeyFiles.PublicPathOf(Out)))
                ? ValidationResult.Error($"{Out} or {KeyFiles.PublicPathOf(Out)} exists: give --force to replace the key (records signed with it stay verifiable with the old .pub).")
                : ValidationResult.Success();
        }
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var (keyId, publicPath) = KeyFiles.New(settings.Out!);
        output.WriteLine($"key {keyId}: private key written to {settings.Out} (keep it secret), public key to {publicPath} (give it to whoever checks your records: rse replay --trust {publicPath})");
        return ExitCodes.Success;
    }
}
