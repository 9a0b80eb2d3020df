namespace PolicyEngine.Evaluation;

/// <summary>Names an assembly's generated <see cref="PolicyPack"/>, so a loader finds it without scanning types.</summary>
/// <param name="packType">The generated pack type.</param>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = false)]
public sealed class PolicyPackAttribute(Type packType) : Attribute
{
    /// <summary>The generated pack type; it has a public parameterless constructor.</summary>
    public Type PackType { get; } = packType;
}
