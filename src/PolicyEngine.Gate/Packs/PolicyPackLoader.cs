using System.Reflection;
using System.Runtime.Loader;
using PolicyEngine.Evaluation;

namespace PolicyEngine.Gate.Packs;

/// <summary>
/// Loads the policy pack of a built guardrail assembly. The assembly names its pack in
/// <see cref="PolicyPackAttribute"/> (written by the generator); nothing is scanned.
/// </summary>
public static class PolicyPackLoader
{
    /// <summary>Loads the pack.</summary>
    /// <exception cref="InputException">The file is missing, not a .NET assembly, has no pack, or its pack cannot be created.</exception>
    public static PolicyPack Load(string path)
    {
        InputFile.CheckAndHash(path);
        var full = Path.GetFullPath(path);
        Assembly assembly;
        try
        {
            assembly = new GuardrailLoadContext(full).LoadFromAssemblyPath(full);
        }
        catch (BadImageFormatException e)
        {
            throw new InputException(path, "", "is not a .NET assembly; expected the built guardrail project's .dll (bin/…/YourGuardrails.dll)", e);
        }
        catch (Exception e) when (e is FileLoadException or IOException)
        {
            throw new InputException(path, "", $"cannot be loaded: {e.Message}", e);
        }

        var attribute = assembly.GetCustomAttribute<PolicyPackAttribute>()
            ?? throw new InputException(path, "", "holds no guardrail pack; expected an assembly built with the PolicyEngine.Generators analyzer and at least one [GuardrailPolicy] class");
        try
        {
            return (PolicyPack)Activator.CreateInstance(attribute.PackType)!;
        }
        catch (Exception e) when (e is TargetInvocationException or MissingMethodException or InvalidCastException or TypeLoadException or FileNotFoundException)
        {
            throw new InputException(path, "", $"its guardrail pack {attribute.PackType.FullName} cannot be created: {(e.InnerException ?? e).Message}", e);
        }
    }

    /// <summary>
    /// Resolves the guardrail assembly's own dependencies from its folder, but shares PolicyEngine and NRules
    /// with the host: one copy of the fact and rule types, or no fact would match.
    /// </summary>
    private sealed class GuardrailLoadContext(string path) : AssemblyLoadContext($"guardrails:{Path.GetFileName(path)}")
    {
        private readonly AssemblyDependencyResolver _resolver = new(path);

        protected override Assembly? Load(AssemblyName assemblyName)
        {
            if (assemblyName.Name is "PolicyEngine" || assemblyName.Name?.StartsWith("NRules", StringComparison.Ordinal) == true
                || Default.Assemblies.Any(a => AssemblyName.ReferenceMatchesDefinition(assemblyName, a.GetName())))
            {
                return null;
            }

            var dependency = _resolver.ResolveAssemblyToPath(assemblyName);
            return dependency is null ? null : LoadFromAssemblyPath(dependency);
        }
    }
}
