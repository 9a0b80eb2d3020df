namespace PolicyEngine.Gate.Inputs.Rollouts;

/// <summary>Resolves the rollout context from a rollout file, command-line values, or both (values override the file).</summary>
public static class RolloutLoader
{
    private static readonly RolloutValidator Validator = new();

    /// <summary>The context and, when a file was read, the file.</summary>
    /// <param name="path">The rollout file, or null.</param>
    /// <param name="overrides">Values given on the command line; null fields leave the file's.</param>
    /// <param name="now">The decision time, used unless the file or overrides say <c>asOf</c>.</param>
    /// <param name="givenIn">Where the overrides came from, for messages when no file names the problem.</param>
    /// <exception cref="InputException">The file is invalid, or the merged context lacks a field.</exception>
    public static (RolloutContext Context, InputFile? File) Resolve(string? path, RolloutDocument overrides, DateTimeOffset now, string givenIn = "command line")
    {
        ArgumentNullException.ThrowIfNull(overrides);
        RolloutDocument? document = null;
        string? sha = null;
        if (path is not null)
        {
            (document, sha) = JsonInput.Read(path, new FluentValidation.InlineValidator<RolloutDocument>());
        }

        var merged = new RolloutDocument
        {
            Model = overrides.Model ?? document?.Model,
            Version = overrides.Version ?? document?.Version,
            Lever = overrides.Lever ?? document?.Lever,
            Stage = overrides.Stage ?? document?.Stage,
            AsOf = overrides.AsOf ?? document?.AsOf,
        };
        var result = Validator.Validate(merged);
        if (!result.IsValid)
        {
            var first = result.Errors[0];
            // The hints name command-line options; a request names its fields, which the location already gives.
            var message = givenIn == "command line" ? first.ErrorMessage : System.Text.RegularExpressions.Regex.Replace(first.ErrorMessage, @" \(--[a-z-]+\)$", "");
            throw new InputException(path ?? $"rollout ({givenIn})", first.PropertyName, message);
        }

        var context = new RolloutContext(merged.Model!, merged.Version!, Names.Levers[merged.Lever!], Names.Stages[merged.Stage!], merged.AsOf ?? now);
        return (context, path is null ? null : new InputFile("rollout", path, sha!, 1));
    }
}
