using System.Text.Json;
using FluentValidation;

namespace PolicyEngine.Documents;

/// <summary>
/// The base of every input validator: messages name fields the way the files spell them
/// (<c>results[2].value</c>, not <c>Results[2].Value</c>), whichever validator runs first.
/// </summary>
/// <typeparam name="T">The document validated.</typeparam>
public abstract class InputValidator<T> : AbstractValidator<T>
{
    static InputValidator() =>
        ValidatorOptions.Global.PropertyNameResolver = (_, member, _) => member is null ? null : JsonNamingPolicy.CamelCase.ConvertName(member.Name);
}
