namespace PolicyEngine.Generators
{
    /// <summary>The names of the pipeline's steps, so tests can assert what was cached.</summary>
    public static class TrackingNames
    {
        /// <summary>Parsing a policy class into a model and diagnostics.</summary>
        public const string Parse = nameof(Parse);

        /// <summary>The policy models alone.</summary>
        public const string Policy = nameof(Policy);

        /// <summary>The diagnostics alone.</summary>
        public const string Diagnostics = nameof(Diagnostics);

        /// <summary>The folder source paths are made relative to: the repository root, else the project directory.</summary>
        public const string SourceRoot = nameof(SourceRoot);

        /// <summary>The assembly name the pack is named after.</summary>
        public const string AssemblyName = nameof(AssemblyName);

        /// <summary>Throwing implementations of guardrail properties that did not compile.</summary>
        public const string Stubs = nameof(Stubs);

        /// <summary>Guardrail attributes outside a policy class (PE0016).</summary>
        public const string Orphans = nameof(Orphans);

        /// <summary>Every policy of the assembly, collected for the pack.</summary>
        public const string Pack = nameof(Pack);
    }
}
